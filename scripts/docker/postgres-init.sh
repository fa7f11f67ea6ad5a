#!/usr/bin/env bash
# Runs once, when the postgres service initialises an empty data volume
# (mounted into /docker-entrypoint-initdb.d by docker-compose.yml).
# Creates the application's role and database and Temporal's role and its two databases.
# Passwords come from the postgres service's environment (see docker-compose.yml).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$KURSUOK_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE kursuok LOGIN PASSWORD :'app_password';
CREATE DATABASE kursuok OWNER kursuok;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

-- Temporal's visibility schema (postgres12, v1.2) needs btree_gin; create it as superuser here.
\connect temporal_visibility
CREATE EXTENSION IF NOT EXISTS btree_gin;
SQL
