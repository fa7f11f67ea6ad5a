#!/usr/bin/env bash
# Mailpit: a real SMTP server with an inbox readable over HTTP (web UI and JSON API), for
# development and tests. Built once per machine from Go modules and cached outside the repo.
#   mailpit.sh build             build Mailpit if it is not cached yet (35-60 s the first time)
#   mailpit.sh up dev|test       start an instance and wait until its SMTP port and HTTP API answer
#   mailpit.sh down dev|test     stop an instance cleanly
#   mailpit.sh bin               print the binary's path
# dev:  SMTP localhost:1025, inbox on http://localhost:8025, messages in .data/mailpit/dev.db (kept)
# test: SMTP localhost:1125, inbox on http://localhost:8125, .data/mailpit/test.db (fresh for every `up`)
source "$(dirname "$0")/lib.sh"

MAILPIT_VERSION="v1.33.1"
MAILPIT_BIN="$TOOLS_DIR/mailpit-$MAILPIT_VERSION/mailpit"

build() {
  [ -x "$MAILPIT_BIN" ] && return 0
  command -v go >/dev/null || die "Go is needed to build Mailpit (go install)"
  log "building Mailpit $MAILPIT_VERSION from Go modules into $(dirname "$MAILPIT_BIN")"
  log "this happens once per machine and takes under a minute (35-60 s on 2 cores)"
  local tmp; tmp="$(mktemp -d)"
  local started=$SECONDS
  # -X sets the version `mailpit version` and the web UI show (a plain go install says "dev").
  ( cd "$tmp" && GOBIN="$tmp" GOFLAGS=-mod=mod go install \
      -ldflags "-X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" \
      "github.com/axllent/mailpit@$MAILPIT_VERSION" ) &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 10
    kill -0 "$pid" 2>/dev/null && log "  still building Mailpit... $((SECONDS - started))s"
  done
  wait "$pid" || die "go install github.com/axllent/mailpit@$MAILPIT_VERSION failed"
  mkdir -p "$(dirname "$MAILPIT_BIN")"
  mv "$tmp/mailpit" "$MAILPIT_BIN"
  rm -rf "$tmp"
  log "Mailpit built in $((SECONDS - started))s"
}

instance() {
  case "$1" in
    dev) SMTP_PORT=1025; HTTP_PORT=8025 ;;
    test) SMTP_PORT=1125; HTTP_PORT=8125 ;;
    *) die "unknown Mailpit instance '$1' (dev or test)" ;;
  esac
  DB="$DATA_DIR/mailpit/$1.db"
  PIDFILE="$DATA_DIR/mailpit/$1.pid"
  LOGFILE="$DATA_DIR/mailpit/$1.log"
}

# The HTTP API answers (Mailpit's own readiness probe, GET /readyz) and the SMTP port accepts connections.
http_ready() { "$MAILPIT_BIN" readyz --listen "127.0.0.1:$HTTP_PORT" >/dev/null 2>&1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { http_ready && port_open "$SMTP_PORT"; }

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

up() {
  instance "$1"
  build
  mkdir -p "$DATA_DIR/mailpit"
  # A running, healthy instance is kept (several test runs may share it): a test run that wants an
  # empty inbox empties it through the API (mailpit.sh clear test), without restarting anything.
  if running && healthy; then return 0; fi
  if running; then down "$1"; instance "$1"; fi
  if port_open "$HTTP_PORT" || port_open "$SMTP_PORT"; then die "something else already listens on port $SMTP_PORT or $HTTP_PORT; stop it first"; fi
  [ "$1" = test ] && rm -f "$DB" "$DB-shm" "$DB-wal"
  log "starting Mailpit ($1): SMTP localhost:$SMTP_PORT, inbox http://localhost:$HTTP_PORT"
  # Local only: no SMTP authentication or TLS (any credentials a client sends are accepted), no
  # update check (the machine may have no internet), no POP3 (it needs --pop3-auth-file).
  setsid "$MAILPIT_BIN" --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$HTTP_PORT" --database "$DB" \
    --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check --label "kursuok-$1" \
    --quiet >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local i
  for ((i = 0; i < 120; i++)); do
    healthy && return 0
    running || { rm -f "$PIDFILE"; tail -20 "$LOGFILE" >&2; die "Mailpit ($1) exited during start-up, log above"; }
    sleep 0.25
  done
  die "Mailpit ($1) did not answer within 30s; see $LOGFILE"
}

down() {
  instance "$1"
  if running; then
    local pid; pid="$(cat "$PIDFILE")"
    log "stopping Mailpit ($1)"
    kill -TERM "$pid"
    local i
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$PIDFILE"
  [ "$1" = test ] && rm -f "$DB" "$DB-shm" "$DB-wal"
  return 0
}

clear() {
  instance "$1"
  curl -fsS -X DELETE "http://127.0.0.1:$HTTP_PORT/api/v1/messages" >/dev/null || die "could not empty the Mailpit ($1) inbox"
}

case "${1:-}" in
  build) build ;;
  up) up "${2:?instance}" ;;
  down) down "${2:?instance}" ;;
  bin) build >&2; echo "$MAILPIT_BIN" ;;
  clear) clear "${2:?instance}" ;;
  *) die "usage: mailpit.sh build|up dev|test|down dev|test|clear dev|test|bin" ;;
esac
