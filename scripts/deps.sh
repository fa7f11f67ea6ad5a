#!/usr/bin/env bash
# Installs npm dependencies (with the machine's npm) when node_modules is missing or older than
# package-lock.json. The project's Node.js itself arrives as the `node` package.
source "$(dirname "$0")/lib.sh"
stamp="$ROOT/node_modules/.kursuok-installed"
if [ ! -x "$NODE_BIN" ] || [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
  command -v npm >/dev/null || die "npm is needed to install the project's dependencies"
  log "installing npm dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$stamp"
fi
want="$(sed -n 's/.*"node": "\([0-9.]*\)".*/\1/p' "$ROOT/package.json" | head -1)"
have="$("$NODE_BIN" --version)"
[ "v$want" = "$have" ] || die "node_modules/.bin/node is $have, package.json pins $want: run npm ci"
