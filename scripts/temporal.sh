#!/usr/bin/env bash
# The real Temporal CLI dev server, built once per machine from Go modules and cached outside the repo.
#   temporal.sh build             build the CLI if it is not cached yet (minutes, the first time)
#   temporal.sh up dev|test       start an instance and wait until it answers
#   temporal.sh down dev|test     stop an instance cleanly
#   temporal.sh bin               print the binary's path
# dev:  port 7233, Web UI on 8233, state in .data/temporal/dev.db (kept across runs)
# test: port 7243, no UI, state in .data/temporal/test.db (fresh for every test run)
source "$(dirname "$0")/lib.sh"

SEARCH_ATTRIBUTES=(KursuokInstitutionId=Keyword KursuokGroupStatus=Keyword KursuokProgrammeCode=Keyword KursuokDocumentStatus=Keyword KursuokReviewDeadline=Datetime)

build() {
  [ -x "$TEMPORAL_BIN" ] && return 0
  command -v go >/dev/null || die "Go is needed to build the Temporal CLI (go install)"
  log "building the Temporal CLI $TEMPORAL_CLI_VERSION from Go modules into $(dirname "$TEMPORAL_BIN")"
  log "this happens once per machine and takes a few minutes (about 3 min on 2 cores)"
  local tmp; tmp="$(mktemp -d)"
  local started=$SECONDS
  # v1.6 and later carry a replace directive that `go install` refuses; v1.5.1 is the newest that builds.
  ( cd "$tmp" && GOBIN="$tmp" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" ) &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    kill -0 "$pid" 2>/dev/null && log "  still building the Temporal CLI... $((SECONDS - started))s"
  done
  wait "$pid" || die "go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION failed"
  mkdir -p "$(dirname "$TEMPORAL_BIN")"
  mv "$tmp/temporal" "$TEMPORAL_BIN"
  rm -rf "$tmp"
  log "Temporal CLI built in $((SECONDS - started))s"
}

instance() {
  case "$1" in
    dev) PORT=7233; UI_ARGS=(--ui-port 8233); DB="$DATA_DIR/temporal/dev.db" ;;
    test) PORT=7243; UI_ARGS=(--headless); DB="$DATA_DIR/temporal/test.db" ;;
    *) die "unknown Temporal instance '$1' (dev or test)" ;;
  esac
  PIDFILE="$DATA_DIR/temporal/$1.pid"
  LOGFILE="$DATA_DIR/temporal/$1.log"
}

healthy() { "$TEMPORAL_BIN" operator cluster health --address "localhost:$PORT" 2>/dev/null | grep -q SERVING; }

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

up() {
  instance "$1"
  build
  mkdir -p "$DATA_DIR/temporal"
  if running && healthy; then return 0; fi
  if healthy; then die "something else already serves Temporal on port $PORT; stop it first"; fi
  [ "$1" = test ] && rm -f "$DB" "$DB-shm" "$DB-wal"
  local sa_args=() sa
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do sa_args+=(--search-attribute "$sa"); done
  log "starting Temporal ($1) on localhost:$PORT"
  setsid "$TEMPORAL_BIN" server start-dev --port "$PORT" "${UI_ARGS[@]}" --db-filename "$DB" \
    --log-level warn "${sa_args[@]}" >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local i
  for ((i = 0; i < 240; i++)); do
    healthy && return 0
    running || { tail -20 "$LOGFILE" >&2; die "Temporal ($1) exited during start-up, log above"; }
    sleep 0.25
  done
  die "Temporal ($1) did not answer within 60s; see $LOGFILE"
}

down() {
  instance "$1"
  if running; then
    local pid; pid="$(cat "$PIDFILE")"
    log "stopping Temporal ($1)"
    kill -TERM "$pid"
    local i
    for ((i = 0; i < 80; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  build) build ;;
  up) up "${2:?instance}" ;;
  down) down "${2:?instance}" ;;
  bin) build >&2; echo "$TEMPORAL_BIN" ;;
  *) die "usage: temporal.sh build|up dev|test|down dev|test|bin" ;;
esac
