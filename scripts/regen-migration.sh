#!/usr/bin/env bash
# Regenerate migrations/versions/0001_initial.py from the models, on a throw-away SQLite file.
# Until the first release the schema lives in this one migration; 0002 seeds the sectors.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f migrations/versions/0001_initial.py
# Later revisions point at 0001: park them while 0001 is regenerated.
mkdir -p "$tmp/parked"
find migrations/versions -maxdepth 1 -name '*.py' -exec mv {} "$tmp/parked/" \;
trap 'mv "$tmp"/parked/*.py migrations/versions/ 2>/dev/null; rm -rf "$tmp"' EXIT
# Apply nothing but create the schema from scratch: autogenerate against an empty database.
DATABASE_URL="sqlite:///$tmp/regen.db" PRAXIS_INSTANCE_DIR="$tmp" \
  .venv/bin/flask --app wsgi db revision --autogenerate --rev-id 0001 -m initial --head base >/dev/null 2>&1 || {
  echo "autogenerate failed; rerun with output:"; DATABASE_URL="sqlite:///$tmp/regen.db" PRAXIS_INSTANCE_DIR="$tmp" \
  .venv/bin/flask --app wsgi db revision --autogenerate --rev-id 0001 -m initial --head base; exit 1; }
echo "wrote migrations/versions/0001_initial.py"
