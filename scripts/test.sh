#!/usr/bin/env bash
# npm test: everything the tests need (dependencies, Postgres, a separate Temporal dev server on
# :7243, Chromium), then lint, format check, type check and every test layer. Arguments go to vitest, e.g.
#   npm test -- test/unit/group-status.test.ts      (one file; lint, format and type checks are skipped)
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/deps.sh"
pg_started="$(bash "$ROOT/scripts/postgres.sh" up)"
cleanup() {
  bash "$ROOT/scripts/mailpit.sh" down test || true
  bash "$ROOT/scripts/temporal.sh" down test || true
  if [ "$pg_started" = started ]; then bash "$ROOT/scripts/postgres.sh" down || true; fi
}
trap cleanup EXIT
bash "$ROOT/scripts/temporal.sh" up test
bash "$ROOT/scripts/mailpit.sh" up test
bash "$ROOT/scripts/mailpit.sh" clear test
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(bash "$ROOT/scripts/chromium.sh")}"
bash "$ROOT/scripts/poppler.sh" >/dev/null
export KURSUOK_MODE=test
export DATABASE_URL="$(bash "$ROOT/scripts/postgres.sh" url kursuok_test)"
export TEMPORAL_ADDRESS=localhost:7243
export SMTP_HOST=localhost SMTP_PORT=1125 MAILPIT_URL=http://localhost:8125
export TEMPORAL_BIN="$TEMPORAL_BIN"
cd "$ROOT"
if [ $# -eq 0 ]; then
  log "lint"
  "$NODE_BIN" node_modules/eslint/bin/eslint.js --max-warnings 0 .
  log "formatting (prettier; npm run format fixes it)"
  "$NODE_BIN" node_modules/prettier/bin/prettier.cjs --check --log-level warn .
  log "type check"
  "$NODE_BIN" node_modules/typescript/bin/tsc --noEmit -p .
  log "docker-compose.yml"
  python3 scripts/docker/check-compose.py
  # Placeholders for the settings production must be given (the file refuses to render without them).
  compose_env=(KURSUOK_SIGNING_SECRET=x KURSUOK_PERSONAL_CODE_PEPPER=x PUBLIC_URL=x VIISP_ISSUER=x VIISP_CLIENT_ID=x
    VIISP_CLIENT_SECRET=x SMIR_URL=x NSPR_URL=x SMPKR_URL=x LICENSES_URL=x STUDENTS_URL=x DIPLOMAS_URL=x SODRA_URL=x
    UZT_URL=x SMTP_HOST=x SIGNING_GATEWAY_URL=x SIGNING_CLIENT_ID=x SIGNING_CLIENT_SECRET=x SIGNING_TRUSTED_CA_PEM=x)
  if docker compose version >/dev/null 2>&1; then env "${compose_env[@]}" docker compose -f docker-compose.yml config -q
  elif command -v docker-compose >/dev/null; then env "${compose_env[@]}" docker-compose -f docker-compose.yml config -q
  else log "no compose client here: schema validation skipped (static checks above ran)"; fi
fi
log "tests"
results="$DATA_DIR/test/results.json"
mkdir -p "$(dirname "$results")"
rm -f "$results"
status=0
"$NODE_BIN" node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line for CI: "vitest: N passed, N failed, N skipped".
if [ -f "$results" ]; then
  "$NODE_BIN" -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  ' "$results" || status=1
fi
exit "$status"
