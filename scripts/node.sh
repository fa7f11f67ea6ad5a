#!/usr/bin/env bash
# Runs the project's own Node.js (the LTS from the npm registry's `node` package, see package.json
# engines), installing dependencies first when they are missing or stale.
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/deps.sh"
exec "$NODE_BIN" "$@"
