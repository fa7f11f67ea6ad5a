# Shared helpers for the project's shell scripts. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="$ROOT/.data"
# Built tools are cached outside the repo, once per machine.
TOOLS_DIR="${KURSUOK_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kursuok}"
TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_BIN="$TOOLS_DIR/temporal-$TEMPORAL_CLI_VERSION/temporal"
NODE_BIN="$ROOT/node_modules/.bin/node"

log() { printf '\033[1m[kursuok]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[kursuok] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Wait until a command succeeds, or fail after N seconds.
wait_for() {
  local seconds="$1" what="$2"; shift 2
  local i
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "$what did not come up within ${seconds}s"
}
