#!/usr/bin/env bash
# Write the next migration (migrations/versions/NNNN_<slug>.py) from the models: a throw-away
# SQLite file is upgraded to the current head, then Alembic autogenerates the difference.
# Review the file (autogenerate misses renames and data changes) and run `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
message=${1:?usage: make migration MESSAGE="what changed"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DATABASE_URL="sqlite:///$tmp/head.db" PRAXIS_INSTANCE_DIR="$tmp"
.venv/bin/flask --app wsgi db upgrade >/dev/null 2>&1
last=$(ls migrations/versions | grep -o '^[0-9]\{4\}' | sort | tail -n1)
next=$(printf "%04d" $((10#$last + 1)))
.venv/bin/flask --app wsgi db revision --autogenerate --rev-id "$next" -m "$message"
