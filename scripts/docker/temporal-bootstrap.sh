#!/bin/sh
# One-shot job (temporalio/admin-tools): waits for the Temporal server, creates the app's namespace
# and registers the custom search attributes the workflows upsert (workflows/search-attributes.ts;
# the dev server gets the same ones from scripts/temporal.sh). Idempotent: existing ones are kept.
# Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_NAMESPACE_RETENTION.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
# name:type pairs (types as `temporal operator search-attribute create --type` takes them)
SEARCH_ATTRIBUTES="KursuokInstitutionId:Keyword KursuokGroupStatus:Keyword KursuokProgrammeCode:Keyword KursuokDocumentStatus:Keyword KursuokReviewDeadline:Datetime"

attempt=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "temporal-bootstrap: Temporal at $ADDRESS is not serving after 120s" >&2
    exit 1
  fi
  sleep 2
done
echo "temporal-bootstrap: Temporal at $ADDRESS is serving"

if temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
  echo "temporal-bootstrap: namespace $NAMESPACE exists"
else
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" --address "$ADDRESS"
  echo "temporal-bootstrap: namespace $NAMESPACE created (retention $RETENTION)"
fi

# With SQL visibility, custom search attributes belong to a namespace, so --namespace is required.
# A namespace created a moment ago can take a few seconds to reach the server's namespace cache.
attempt=0
until existing="$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS")"; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 15 ]; then
    echo "temporal-bootstrap: cannot list search attributes of namespace $NAMESPACE" >&2
    exit 1
  fi
  sleep 2
done
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%:*}"
  type="${pair#*:}"
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "temporal-bootstrap: search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" \
      --address "$ADDRESS"
    echo "temporal-bootstrap: search attribute $name created ($type)"
  fi
done
