#!/usr/bin/env bash
# Temporal for npm start / npm test / npm run bench, built once per machine from Go modules and cached
# outside the repo (~/.cache/kursuok). One setting chooses the engine:
#   KURSUOK_TEMPORAL_ENGINE=dev-wal   (default) the Temporal CLI v1.5.1 dev server on SQLite (.data/temporal/<instance>.db)
#                                     with the pragmas journal_mode=wal, synchronous=normal: on this 2-core machine the
#                                     fastest of the three in every figure of `BENCH_ENGINES=dev,dev-wal,server npm run
#                                     bench` (README, "Našumas (issue 16)"); a machine crash may lose its last commits
#                                     (never corrupt it): fine for development, tests and benchmarks
#   KURSUOK_TEMPORAL_ENGINE=dev       the same dev server with SQLite's defaults (rollback journal, synchronous=full)
#   KURSUOK_TEMPORAL_ENGINE=server    the real Temporal server v1.29.1 (all services in one process) on the project's
#                                     Postgres: databases temporal_<instance> and temporal_<instance>_visibility, set up
#                                     by the server's SQL tool; for the dev instance the Web UI server on :8233
# Commands:
#   temporal.sh build             build what the chosen engine needs if it is not cached yet (minutes, the first time)
#   temporal.sh up <instance>     start an instance and wait until it answers (namespace `default` and the custom
#                                 search attributes registered)
#   temporal.sh down <instance>   stop an instance cleanly (whichever engine started it)
#   temporal.sh clean <instance>  stop it and delete its state (SQLite file, Postgres databases)
#   temporal.sh bin               print the CLI's path (the tests use it as a client)
# Instances: dev  — port 7233, Web UI on 8233, state kept across runs;
#            test — port 7243, no UI, state fresh for every `up`;
#            any other name (e.g. exp) — KURSUOK_TEMPORAL_PORT=<port> required, no UI, fresh for every `up`.
# KURSUOK_TEMPORAL_PORT overrides the port of any instance (the real server takes P..P+3 and P+5..P+8),
# KURSUOK_TEMPORAL_UI_PORT gives any instance a Web UI, KURSUOK_TEMPORAL_FRESH=0|1 keeps or resets its state at `up`.
source "$(dirname "$0")/lib.sh"

ENGINE="${KURSUOK_TEMPORAL_ENGINE:-dev-wal}"
case "$ENGINE" in
  dev | dev-wal | server) ;;
  *) die "KURSUOK_TEMPORAL_ENGINE='$ENGINE': dev, dev-wal or server" ;;
esac

# name=type; workflows/search-attributes.ts upserts them, scripts/docker/temporal-bootstrap.sh registers the same.
SEARCH_ATTRIBUTES=(KursuokInstitutionId=Keyword KursuokGroupStatus=Keyword KursuokProgrammeCode=Keyword KursuokDocumentStatus=Keyword KursuokReviewDeadline=Datetime)

# The real server and its SQL tool (one Go module); the schema files travel with them into the cache.
TEMPORAL_SERVER_VERSION="v1.29.1"
SERVER_DIR="$TOOLS_DIR/temporal-server-$TEMPORAL_SERVER_VERSION"
SERVER_BIN="$SERVER_DIR/server"
SQL_BIN="$SERVER_DIR/sql"
SCHEMA_DIR="$SERVER_DIR/schema/postgresql/v12"
# The Web UI server with its assets embedded in the Go module: v2.42.1 is the UI the CLI v1.5.1 dev server
# embeds (same module, already in the module cache after the CLI's build); v2.58.1, the newest, needs Go 1.26.10.
TEMPORAL_UI_VERSION="v2.42.1"
UI_BIN="$TOOLS_DIR/temporal-ui-server-$TEMPORAL_UI_VERSION/ui-server"

# The project's Postgres (scripts/postgres.sh): the role kursuok owns Temporal's databases too.
PG_HOST=localhost
PG_PORT="${KURSUOK_PG_PORT:-5432}"
PG_USER=kursuok
PG_PASSWORD="${KURSUOK_PG_PASSWORD:-kursuok}"
# History shards (fixed when an instance's databases are created) and connections per service pool (four
# services in one process, each with its own pool; Postgres allows 100 connections in all).
SERVER_SHARDS="${KURSUOK_TEMPORAL_SHARDS:-4}"
SERVER_PG_CONNS="${KURSUOK_TEMPORAL_PG_CONNS:-8}"
# `off` trades the last few milliseconds of commits on a machine crash for fewer fsyncs (never corruption).
SERVER_SYNCHRONOUS_COMMIT="${KURSUOK_TEMPORAL_SYNCHRONOUS_COMMIT:-on}"

now_ms() { date +%s%3N; }

# go_install <package@version>... <destination dir>: one `go install` into a temporary GOBIN, with progress.
go_install() {
  local dest="${*: -1}" pkgs=("${@:1:$#-1}")
  command -v go >/dev/null || die "Go is needed to build ${pkgs[*]} (go install)"
  local tmp started=$SECONDS pid
  tmp="$(mktemp -d)"
  (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS=-mod=mod go install "${pkgs[@]}") &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    kill -0 "$pid" 2>/dev/null && log "  still building... $((SECONDS - started))s"
  done
  wait "$pid" || { rm -rf "$tmp"; die "go install ${pkgs[*]} failed"; }
  mkdir -p "$dest"
  mv "$tmp"/bin/* "$dest/"
  rm -rf "$tmp"
  log "built in $((SECONDS - started))s"
}

build_cli() {
  [ -x "$TEMPORAL_BIN" ] && return 0
  log "building the Temporal CLI $TEMPORAL_CLI_VERSION from Go modules into $(dirname "$TEMPORAL_BIN")"
  log "this happens once per machine and takes a few minutes (about 3 min on 2 cores)"
  # v1.6 and later carry a replace directive that `go install` refuses; v1.5.1 is the newest that builds.
  go_install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" "$(dirname "$TEMPORAL_BIN")"
}

build_server() {
  if [ ! -x "$SERVER_BIN" ] || [ ! -x "$SQL_BIN" ]; then
    log "building the Temporal server $TEMPORAL_SERVER_VERSION and its SQL tool from Go modules into $SERVER_DIR"
    log "this happens once per machine and takes a few minutes (about 2 min on 2 cores once the modules are downloaded)"
    go_install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" "$SERVER_DIR"
  fi
  if [ ! -d "$SCHEMA_DIR/temporal/versioned" ]; then
    local src
    src="$(go env GOMODCACHE)/go.temporal.io/server@$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
    [ -d "$src" ] || (cd "${TMPDIR:-/tmp}" && go mod download "go.temporal.io/server@$TEMPORAL_SERVER_VERSION")
    [ -d "$src" ] || die "the Temporal server's Postgres schema is not in $src"
    mkdir -p "$(dirname "$SCHEMA_DIR")"
    cp -r "$src" "$SCHEMA_DIR.tmp"
    chmod -R u+w "$SCHEMA_DIR.tmp" # the module cache is read-only
    mv "$SCHEMA_DIR.tmp" "$SCHEMA_DIR"
  fi
}

# The Web UI is for operators only: when it does not build, the server runs without it (and says so).
build_ui() {
  [ -x "$UI_BIN" ] && return 0
  [ -f "$UI_BIN.failed" ] && return 0
  log "building the Temporal Web UI server $TEMPORAL_UI_VERSION from Go modules into $(dirname "$UI_BIN")"
  if (go_install "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_VERSION" "$(dirname "$UI_BIN")"); then
    mv "$(dirname "$UI_BIN")/server" "$UI_BIN"
  else
    mkdir -p "$(dirname "$UI_BIN")"
    touch "$UI_BIN.failed"
    log "the Web UI server did not build: Temporal runs without a Web UI (delete $UI_BIN.failed to try again)"
  fi
}

build() {
  build_cli # the client every engine needs (health checks, namespace, search attributes, tests)
  if [ "$ENGINE" = server ]; then
    build_server
    build_ui
  fi
}

instance() {
  NAME="$1"
  UI_PORT=""
  FRESH=1
  case "$1" in
    dev) PORT=7233; UI_PORT=8233; FRESH=0 ;;
    test) PORT=7243 ;;
    *)
      [[ "$1" =~ ^[a-z][a-z0-9_]*$ ]] || die "unknown Temporal instance '$1' (dev, test or a lower-case name)"
      PORT="" # up needs KURSUOK_TEMPORAL_PORT
      ;;
  esac
  PORT="${KURSUOK_TEMPORAL_PORT:-$PORT}"
  UI_PORT="${KURSUOK_TEMPORAL_UI_PORT:-$UI_PORT}"
  FRESH="${KURSUOK_TEMPORAL_FRESH:-$FRESH}"
  PIDFILE="$DATA_DIR/temporal/$1.pid"
  LOGFILE="$DATA_DIR/temporal/$1.log"
  ENGINEFILE="$DATA_DIR/temporal/$1.engine"
  UI_PIDFILE="$DATA_DIR/temporal/$1-ui.pid"
  UI_LOGFILE="$DATA_DIR/temporal/$1-ui.log"
  SQLITE_DB="$DATA_DIR/temporal/$1.db"
  PG_DB="temporal_$1"
  CONF_DIR="$DATA_DIR/temporal/$1-server"
}

healthy() { "$TEMPORAL_BIN" operator cluster health --address "localhost:$PORT" 2>/dev/null | grep -q SERVING; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
running() { alive "$PIDFILE"; }

# psql_pg <sql> [database]
psql_pg() {
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$PG_PASSWORD" \
    psql -v ON_ERROR_STOP=1 -qAt -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${2:-postgres}" -c "$1"
}

sql_tool() {
  "$SQL_BIN" --plugin postgres12 --ep "$PG_HOST" -p "$PG_PORT" -u "$PG_USER" --pw "$PG_PASSWORD" "$@" >>"$LOGFILE" 2>&1 ||
    { tail -20 "$LOGFILE" >&2; die "temporal-sql-tool $* failed, log above"; }
}

# temporal_<instance> and temporal_<instance>_visibility: new ones for a fresh instance, kept and brought up to
# the server's schema version for dev. New ones are copies (CREATE DATABASE … TEMPLATE, ~0.7 s for both) of two template
# databases that the SQL tool sets up once per server version (setup-schema + update-schema, ~1.5 s).
server_databases() {
  local kind db template created=0
  for kind in temporal visibility; do
    db="$PG_DB" template="temporal_template_${TEMPORAL_SERVER_VERSION//[^0-9]/}"
    [ "$kind" = visibility ] && db="${PG_DB}_visibility" template="${template}_visibility"
    if [ "$(psql_pg "select 1 from pg_database where datname = '$template'")" != 1 ]; then
      local new="${template}_new_$$" # two first `up`s at once each build their own; one of them is kept
      psql_pg "create database $new"
      sql_tool --db "$new" setup-schema -v 0.0
      sql_tool --db "$new" update-schema -d "$SCHEMA_DIR/$kind/versioned"
      psql_pg "alter database $new rename to $template" 2>/dev/null || psql_pg "drop database $new"
    fi
    [ "$FRESH" = 1 ] && psql_pg "drop database if exists $db with (force)"
    if [ "$(psql_pg "select 1 from pg_database where datname = '$db'")" != 1 ]; then
      psql_pg "create database $db template $template"
      # The server checks the schema version recorded under the database's own name.
      psql_pg "update schema_version set db_name = '$db'" "$db"
      created=1
    elif [ "$FRESH" = 0 ]; then
      sql_tool --db "$db" update-schema -d "$SCHEMA_DIR/$kind/versioned"
    fi
    psql_pg "alter database $db set synchronous_commit = $SERVER_SYNCHRONOUS_COMMIT"
  done
  # The shard count is part of the data: a kept instance must be started with the one it was created with.
  if [ "$created" = 1 ] || [ ! -f "$CONF_DIR/shards" ]; then
    echo "$SERVER_SHARDS" >"$CONF_DIR/shards"
  elif [ "$(cat "$CONF_DIR/shards")" != "$SERVER_SHARDS" ]; then
    die "$PG_DB was created with $(cat "$CONF_DIR/shards") history shards, not $SERVER_SHARDS: \`temporal.sh clean $NAME\` starts over"
  fi
}

# The server's config (its loader reads <config dir>/<env>.yaml); ports P..P+3 gRPC, P+5..P+8 membership.
server_config() {
  cat >"$CONF_DIR/server.yaml" <<EOF
# Generated by scripts/temporal.sh for the instance '$NAME' (KURSUOK_TEMPORAL_ENGINE=server); edits are overwritten.
log:
  stdout: true
  level: ${KURSUOK_TEMPORAL_LOG_LEVEL:-warn}
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: $SERVER_SHARDS
  datastores:
    postgres-default:
      sql:
        pluginName: postgres12
        databaseName: $PG_DB
        connectAddr: "$PG_HOST:$PG_PORT"
        connectProtocol: tcp
        user: $PG_USER
        password: "$PG_PASSWORD"
        maxConns: $SERVER_PG_CONNS
        maxIdleConns: $SERVER_PG_CONNS
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        pluginName: postgres12
        databaseName: ${PG_DB}_visibility
        connectAddr: "$PG_HOST:$PG_PORT"
        connectProtocol: tcp
        user: $PG_USER
        password: "$PG_PASSWORD"
        maxConns: 4
        maxIdleConns: 2
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  pprof:
    port: 0
services:
  frontend:
    rpc: { grpcPort: $PORT, membershipPort: $((PORT + 5)), bindOnLocalHost: true }
  history:
    rpc: { grpcPort: $((PORT + 1)), membershipPort: $((PORT + 6)), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $((PORT + 2)), membershipPort: $((PORT + 7)), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $((PORT + 3)), membershipPort: $((PORT + 8)), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$PORT"
dcRedirectionPolicy:
  policy: noop
archival:
  history: { state: disabled }
  visibility: { state: disabled }
namespaceDefaults:
  archival:
    history: { state: disabled }
    visibility: { state: disabled }
publicClient:
  hostPort: "127.0.0.1:$PORT"
dynamicConfigClient:
  filepath: "$ROOT/scripts/temporal-server-dynamicconfig.yaml"
  pollInterval: 60s
EOF
}

cli() { "$TEMPORAL_BIN" "$@" --address "localhost:$PORT" --namespace default; }

# Namespace `default` and the custom search attributes (idempotent), as scripts/docker/temporal-bootstrap.sh.
server_bootstrap() {
  local retention=24h i existing="" pair name type created=0
  [ "$NAME" = dev ] && retention=720h
  if ! cli operator namespace describe >/dev/null 2>&1; then
    cli operator namespace create --retention "$retention" >>"$LOGFILE" 2>&1 ||
      die "cannot create the namespace default (see $LOGFILE)"
  fi
  # A namespace created a moment ago reaches the frontend's namespace cache within a refresh interval.
  for ((i = 0; i < 40; i++)); do
    existing="$(cli operator search-attribute list 2>/dev/null)" && break
    sleep 0.25
  done
  [ -n "$existing" ] || die "cannot list the search attributes of the namespace default"
  # One attribute per call: the CLI takes several --name, but registers only the first of them.
  for pair in "${SEARCH_ATTRIBUTES[@]}"; do
    name="${pair%%=*}" type="${pair#*=}"
    printf '%s\n' "$existing" | grep -qw "$name" && continue
    cli operator search-attribute create --name "$name" --type "$type" >>"$LOGFILE" 2>&1 ||
      die "cannot create the search attribute $name (see $LOGFILE)"
    created=1
  done
  if [ "$created" = 1 ]; then
    # Every service learns them with its next namespace cache refresh (1 s, temporal-server-dynamicconfig.yaml):
    # wait until the frontend takes a query on one, then one more refresh for history and matching.
    local query="" sep=""
    for pair in "${SEARCH_ATTRIBUTES[@]}"; do
      case "${pair#*=}" in
        Datetime) query+="$sep${pair%%=*} < '2000-01-01T00:00:00Z'" ;;
        *) query+="$sep${pair%%=*} = 'x'" ;;
      esac
      sep=" AND "
    done
    for ((i = 0; i < 40; i++)); do
      cli workflow count --query "$query" >/dev/null 2>&1 && break
      sleep 0.125
    done
    [ "$i" -lt 40 ] || die "the frontend does not know the search attributes 5 s after registering them"
    sleep 1.1
  fi
}

wait_started() {
  local what="$1" pidfile="$2" logfile="$3" check="$4" i
  for ((i = 0; i < 480; i++)); do
    $check && return 0
    alive "$pidfile" || { tail -20 "$logfile" >&2; die "$what exited during start-up, log above"; }
    sleep 0.125
  done
  die "$what did not answer within 60s; see $logfile"
}

ui_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$UI_PORT") 2>/dev/null; }

start_ui() {
  [ -n "$UI_PORT" ] || return 0
  if [ ! -x "$UI_BIN" ]; then
    log "no Web UI: the UI server is not built ($UI_BIN); Temporal's own CLI still works"
    return 0
  fi
  alive "$UI_PIDFILE" && return 0
  ui_answers && die "something else already serves port $UI_PORT; stop it first"
  mkdir -p "$CONF_DIR/ui"
  cat >"$CONF_DIR/ui/ui.yaml" <<EOF
# Generated by scripts/temporal.sh: the Temporal Web UI for the instance '$NAME' (real server on :$PORT).
temporalGrpcAddress: "127.0.0.1:$PORT"
host: 127.0.0.1
port: $UI_PORT
enableUi: true
defaultNamespace: default
hideLogs: true
notifyOnNewVersion: false
cors:
  cookieInsecure: true
EOF
  setsid "$UI_BIN" --root "$CONF_DIR" --config ui --env ui start >"$UI_LOGFILE" 2>&1 </dev/null &
  echo $! >"$UI_PIDFILE"
  wait_started "the Temporal Web UI ($NAME)" "$UI_PIDFILE" "$UI_LOGFILE" ui_answers
  log "Temporal Web UI on http://localhost:$UI_PORT"
}

up_dev() {
  [ "$FRESH" = 1 ] && rm -f "$SQLITE_DB" "$SQLITE_DB-shm" "$SQLITE_DB-wal"
  local args=(--port "$PORT" --db-filename "$SQLITE_DB" --log-level warn) sa
  if [ -n "$UI_PORT" ]; then args+=(--ui-port "$UI_PORT"); else args+=(--headless); fi
  [ "$ENGINE" = dev-wal ] && args+=(--sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal)
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  setsid "$TEMPORAL_BIN" server start-dev "${args[@]}" >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_started "Temporal ($NAME, $ENGINE)" "$PIDFILE" "$LOGFILE" healthy
}

up_server() {
  mkdir -p "$CONF_DIR"
  : >"$LOGFILE"
  local t0
  t0="$(now_ms)"
  server_databases
  log "  databases $PG_DB, ${PG_DB}_visibility ready in $(($(now_ms) - t0)) ms"
  server_config
  t0="$(now_ms)"
  setsid "$SERVER_BIN" --root "$DATA_DIR/temporal" --config "$NAME-server" --env server --allow-no-auth start \
    >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_started "Temporal ($NAME, server)" "$PIDFILE" "$LOGFILE" healthy
  local t1
  t1="$(now_ms)"
  log "  server answering in $((t1 - t0)) ms"
  server_bootstrap
  log "  namespace default and search attributes ready in $(($(now_ms) - t1)) ms"
}

up() {
  instance "$1"
  [ -n "$PORT" ] || die "instance '$1' needs KURSUOK_TEMPORAL_PORT=<port>"
  build
  mkdir -p "$DATA_DIR/temporal"
  if running && healthy; then
    local was
    was="$(cat "$ENGINEFILE" 2>/dev/null || echo dev)"
    [ "$was" = "$ENGINE" ] ||
      die "Temporal ($1) already runs with the engine '$was', not '$ENGINE': stop it first (temporal.sh down $1)"
    [ "$ENGINE" = server ] && start_ui
    return 0
  fi
  if healthy; then die "something else already serves Temporal on port $PORT; stop it first"; fi
  local t0
  t0="$(now_ms)"
  log "starting Temporal ($1, engine $ENGINE) on localhost:$PORT"
  echo "$ENGINE" >"$ENGINEFILE"
  case "$ENGINE" in
    dev | dev-wal) up_dev ;;
    server) up_server ;;
  esac
  log "Temporal ($1, engine $ENGINE) up in $(($(now_ms) - t0)) ms"
  [ "$ENGINE" = server ] && start_ui
  return 0
}

stop_pid() {
  local pidfile="$1" what="$2" pid i
  if alive "$pidfile"; then
    pid="$(cat "$pidfile")"
    log "stopping $what"
    kill -TERM "$pid"
    for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

down() {
  instance "$1"
  stop_pid "$UI_PIDFILE" "the Temporal Web UI ($1)"
  stop_pid "$PIDFILE" "Temporal ($1)"
  rm -f "$ENGINEFILE"
}

clean() {
  down "$1"
  rm -f "$SQLITE_DB" "$SQLITE_DB-shm" "$SQLITE_DB-wal" "$LOGFILE" "$UI_LOGFILE"
  rm -rf "$CONF_DIR"
  if command -v psql >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    psql_pg "drop database if exists $PG_DB with (force)"
    psql_pg "drop database if exists ${PG_DB}_visibility with (force)"
  fi
  log "Temporal ($1): state deleted"
}

case "${1:-}" in
  build) build ;;
  up) up "${2:?instance}" ;;
  down) down "${2:?instance}" ;;
  clean) clean "${2:?instance}" ;;
  bin) build_cli >&2; echo "$TEMPORAL_BIN" ;;
  *) die "usage: [KURSUOK_TEMPORAL_ENGINE=dev|dev-wal|server] temporal.sh build|up <instance>|down <instance>|clean <instance>|bin" ;;
esac
