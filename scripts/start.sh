#!/usr/bin/env bash
# npm start: installs what is missing, brings up Postgres and Temporal, migrates, seeds demo data,
# runs the worker and the web server, prints the URLs; Ctrl-C stops everything it started.
source "$(dirname "$0")/lib.sh"
t0=$SECONDS
export KURSUOK_START_EPOCH_MS="${KURSUOK_START_EPOCH_MS:-$(date +%s%3N)}"
bash "$ROOT/scripts/deps.sh"
pg_started="$(bash "$ROOT/scripts/postgres.sh" up)"
cleanup() {
  trap - EXIT INT TERM
  bash "$ROOT/scripts/mailpit.sh" down dev || true
  bash "$ROOT/scripts/temporal.sh" down dev || true
  if [ "$pg_started" = started ]; then bash "$ROOT/scripts/postgres.sh" down || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bash "$ROOT/scripts/temporal.sh" up dev
bash "$ROOT/scripts/mailpit.sh" up dev
log "Mailpit inbox (every e-mail the app sends): http://localhost:8025"

export KURSUOK_MODE="${KURSUOK_MODE:-development}"
export DATABASE_URL="${DATABASE_URL:-$(bash "$ROOT/scripts/postgres.sh" url kursuok)}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-localhost:7233}"
export SMTP_HOST=localhost SMTP_PORT=1025
cd "$ROOT"
"$NODE_BIN" --import tsx scripts/migrate.ts
log "services up in $((SECONDS - t0))s; starting worker and web"
# dev.ts supervises the worker, web server and simulators: one that dies is started again, and the
# services above stop only when dev.ts itself ends (Ctrl-C / SIGTERM), through the EXIT trap.
"$NODE_BIN" --import tsx scripts/dev.ts || true
