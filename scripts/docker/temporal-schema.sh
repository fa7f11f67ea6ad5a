#!/bin/sh
# One-shot job (temporalio/admin-tools): creates or upgrades Temporal's schema in the `temporal`
# and `temporal_visibility` databases that postgres-init.sh created. Idempotent: setup-schema
# skips a database whose schema is already past 0.0, update-schema only applies newer versions.
# Environment: POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, SQL_PASSWORD (read by temporal-sql-tool).
set -eu

SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12
sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}

echo "temporal-schema: database temporal"
sql_tool --db temporal setup-schema -v 0.0
sql_tool --db temporal update-schema -d "$SCHEMA_ROOT/temporal/versioned"

echo "temporal-schema: database temporal_visibility"
sql_tool --db temporal_visibility setup-schema -v 0.0
sql_tool --db temporal_visibility update-schema -d "$SCHEMA_ROOT/visibility/versioned"

echo "temporal-schema: done"
