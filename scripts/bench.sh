#!/usr/bin/env bash
# npm run bench: throughput and latency on this machine — the training-group path (HTTP → workflow
# Update → activity → Postgres → page), the master-data pages, the lists, the deadline storm, the
# registration burst and the bulk signing of learning contracts — each printed as its own table, then
# one summary of all. Not a test (`npm test` runs each at a tiny size: test/integration/benchmarks.test.ts).
# Uses Postgres (database kursuok_bench, created by postgres.sh, reset every run), the test Temporal dev server on
# :7243 and the test Mailpit (SMTP :1125); it stops only what it started itself, so a running `npm test` keeps them.
# BENCH_ENGINES=dev,dev-wal,server runs them once per Temporal engine (scripts/temporal.sh), each on a fresh
# test instance, and prints every figure side by side (test/bench/engines.ts).
# Knobs go through the environment, e.g. BENCH_N=500 BENCH_CONCURRENCY=16 npm run bench
# (see the head of each test/bench/*.bench.ts); arguments name the benchmarks to run (default all):
#   npm run bench -- groups master-data lists deadline-storm registration-burst contract-bulk-sign
source "$(dirname "$0")/lib.sh"
BENCH_DB=kursuok_bench
TEMPORAL_PIDFILE="$DATA_DIR/temporal/test.pid"

temporal_running() { [ -f "$TEMPORAL_PIDFILE" ] && kill -0 "$(cat "$TEMPORAL_PIDFILE")" 2>/dev/null; }

bash "$ROOT/scripts/deps.sh"
pg_started="$(bash "$ROOT/scripts/postgres.sh" up)"
temporal_started=0
mailpit_started=0
cleanup() {
  if [ "$mailpit_started" = 1 ]; then bash "$ROOT/scripts/mailpit.sh" down test || true; fi
  if [ "$temporal_started" = 1 ]; then bash "$ROOT/scripts/temporal.sh" down test || true; fi
  if [ "$pg_started" = started ]; then bash "$ROOT/scripts/postgres.sh" down || true; fi
}
trap cleanup EXIT

ENGINES="${BENCH_ENGINES:-}"
if temporal_running; then
  [ -z "$ENGINES" ] || die "BENCH_ENGINES restarts the test Temporal (:7243) once per engine, and one is running (npm test?): stop it first"
  log "Temporal (test) is already running: the benchmark uses it and leaves it running"
elif [ -z "$ENGINES" ]; then
  temporal_started=1
  bash "$ROOT/scripts/temporal.sh" up test
fi

# The e-mails a benchmark causes (a contract invitation per participant) go to the test Mailpit, as in
# npm test; one already running (npm test) is used and left running.
if (exec 3<>/dev/tcp/127.0.0.1/1125) 2>/dev/null; then
  log "Mailpit (test) is already running: the benchmark uses it and leaves it running"
else
  mailpit_started=1
  bash "$ROOT/scripts/mailpit.sh" up test
fi

export KURSUOK_MODE=test
export SMTP_HOST=localhost SMTP_PORT=1125
export DATABASE_URL="$(bash "$ROOT/scripts/postgres.sh" url "$BENCH_DB")"
export TEMPORAL_ADDRESS=localhost:7243
cd "$ROOT"
# Every benchmark (or those named: npm run bench -- groups lists), each on a freshly reset
# database and in its own process; one failing does not stop the others. The closing table says
# which were ok and which FAILED, and the exit code is non-zero when any failed (test/bench/run.ts).
status=0
if [ -z "$ENGINES" ]; then
  export BENCH_TEMPORAL_PID="$(cat "$TEMPORAL_PIDFILE" 2>/dev/null || true)"
  "$NODE_BIN" --import tsx test/bench/run.ts "$@" || status=$?
  exit "$status"
fi

# BENCH_ENGINES=dev,dev-wal,server: the same benchmarks once per Temporal engine (scripts/temporal.sh),
# each on a fresh test instance, then one table with every figure side by side (test/bench/engines.ts).
figures=()
mkdir -p "$DATA_DIR/bench"
for engine in ${ENGINES//,/ }; do
  case "$engine" in dev | dev-wal | server) ;; *) die "BENCH_ENGINES: '$engine' is not dev, dev-wal or server" ;; esac
  bash "$ROOT/scripts/temporal.sh" down test
  temporal_started=1
  KURSUOK_TEMPORAL_ENGINE="$engine" bash "$ROOT/scripts/temporal.sh" up test
  log "==== engine $engine ===="
  file="$DATA_DIR/bench/figures-$engine.json"
  rm -f "$file"
  BENCH_TEMPORAL_PID="$(cat "$TEMPORAL_PIDFILE")" KURSUOK_TEMPORAL_ENGINE="$engine" BENCH_FIGURES_FILE="$file" \
    "$NODE_BIN" --import tsx test/bench/run.ts "$@" || status=$?
  [ -f "$file" ] && figures+=("$file")
done
bash "$ROOT/scripts/temporal.sh" down test
temporal_started=0
[ "${#figures[@]}" -eq 0 ] || "$NODE_BIN" --import tsx test/bench/engines.ts "${figures[@]}"
exit "$status"
