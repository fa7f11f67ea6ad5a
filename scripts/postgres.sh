#!/usr/bin/env bash
# Postgres from Debian's packages: `postgres.sh up` installs the server when missing, starts the
# cluster, and creates the role and the databases (idempotent; seconds on a second run).
# It prints "started" when it started the cluster, so the caller knows to stop it again with
# `postgres.sh down`. `postgres.sh url [db]` prints a URL.
source "$(dirname "$0")/lib.sh"

PG_PORT="${KURSUOK_PG_PORT:-5432}"
PG_USER="kursuok"
PG_PASSWORD="${KURSUOK_PG_PASSWORD:-kursuok}"
DATABASES=(kursuok kursuok_test kursuok_bench)

ready() { pg_isready -q -h localhost -p "$PG_PORT"; }

cluster() {
  # The newest Debian cluster: "<version> <name>".
  pg_lsclusters --no-header 2>/dev/null | awk '{print $1, $2}' | sort -V | tail -1
}

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $PG_PORT $*"; }

up() {
  mkdir -p "$DATA_DIR"
  if ! ready; then
    if ! command -v pg_lsclusters >/dev/null || [ -z "$(cluster)" ]; then
      apt_install postgresql
    fi
    read -r version name <<<"$(cluster)"
    [ -n "${version:-}" ] || die "no Postgres cluster found after installing the postgresql package"
    log "starting Postgres cluster $version/$name on port $PG_PORT"
    as_root pg_ctlcluster "$version" "$name" start
    wait_for 30 "Postgres" ready
    echo started
  fi
  if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname = '$PG_USER'\"")" != 1 ]; then
    log "creating role $PG_USER"
    psql_admin "-c \"create role $PG_USER login createdb password '$PG_PASSWORD'\""
  fi
  local db
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin "-c \"select 1 from pg_database where datname = '$db'\"")" != 1 ]; then
      log "creating database $db"
      psql_admin "-c \"create database $db owner $PG_USER\""
    fi
  done
}

down() {
  if ready; then
    read -r version name <<<"$(cluster)"
    log "stopping Postgres cluster $version/$name"
    as_root pg_ctlcluster "$version" "$name" stop
  fi
}

url() { echo "postgres://$PG_USER:$PG_PASSWORD@localhost:$PG_PORT/${1:-kursuok}"; }

case "${1:-}" in
  up) up ;;
  down) down ;;
  url) url "${2:-}" ;;
  *) die "usage: postgres.sh up|down|url [database]" ;;
esac
