#!/usr/bin/env bash
# npm run bench: throughput and latency of the training-group path (HTTP → workflow Update →
# activity → Postgres → page) on this machine, printed as a table. Not a test.
# Uses Postgres (database kursuok_bench, created by postgres.sh, reset every run) and the test Temporal dev server on
# :7243; it stops only what it started itself, so a running `npm test` keeps its Temporal.
# Knobs go through the environment, e.g. BENCH_N=500 BENCH_CONCURRENCY=16 npm run bench
# (see test/bench/groups.bench.ts for all of them).
source "$(dirname "$0")/lib.sh"
BENCH_DB=kursuok_bench
TEMPORAL_PIDFILE="$DATA_DIR/temporal/test.pid"

temporal_running() { [ -f "$TEMPORAL_PIDFILE" ] && kill -0 "$(cat "$TEMPORAL_PIDFILE")" 2>/dev/null; }

bash "$ROOT/scripts/deps.sh"
pg_started="$(bash "$ROOT/scripts/postgres.sh" up)"
temporal_started=0
cleanup() {
  if [ "$temporal_started" = 1 ]; then bash "$ROOT/scripts/temporal.sh" down test || true; fi
  if [ "$pg_started" = started ]; then bash "$ROOT/scripts/postgres.sh" down || true; fi
}
trap cleanup EXIT

if temporal_running; then
  log "Temporal (test) is already running: the benchmark uses it and leaves it running"
else
  temporal_started=1
  bash "$ROOT/scripts/temporal.sh" up test
fi

export KURSUOK_MODE=test
export DATABASE_URL="$(bash "$ROOT/scripts/postgres.sh" url "$BENCH_DB")"
export TEMPORAL_ADDRESS=localhost:7243
export BENCH_TEMPORAL_PID="$(cat "$TEMPORAL_PIDFILE" 2>/dev/null || true)"
cd "$ROOT"
"$NODE_BIN" --import tsx test/bench/prepare-db.ts "$BENCH_DB"
log "benchmark"
"$NODE_BIN" --import tsx test/bench/groups.bench.ts
# Issue 4: the master-data pages and drop-downs at the fixture scale, on a freshly reset database.
"$NODE_BIN" --import tsx test/bench/prepare-db.ts "$BENCH_DB"
log "benchmark: master-data pages"
"$NODE_BIN" --import tsx test/bench/master-data.bench.ts
# Issue 5: the programme list and a programme's "Grupės" tab at 20,000 groups, without and with
# the indexes of migration 20261128T1745_group_list_indexes, on a freshly reset database.
"$NODE_BIN" --import tsx test/bench/prepare-db.ts "$BENCH_DB"
log "benchmark: programme and group lists"
"$NODE_BIN" --import tsx test/bench/lists.bench.ts
# Issue 5: the deadline storm — BENCH_STORM_N (1,000) groups whose registration ends at one instant.
"$NODE_BIN" --import tsx test/bench/prepare-db.ts "$BENCH_DB"
log "benchmark: deadline storm"
"$NODE_BIN" --import tsx test/bench/deadline-storm.bench.ts
# Issue 6: the registration burst — BENCH_BURST_N (5,000) registrations into BENCH_BURST_GROUPS (50) groups.
"$NODE_BIN" --import tsx test/bench/prepare-db.ts "$BENCH_DB"
log "benchmark: registration burst"
"$NODE_BIN" --import tsx test/bench/registration-burst.bench.ts
