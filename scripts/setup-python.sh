#!/usr/bin/env bash
# Creates .venv with the pinned Python tools the tests need (Dagster, PyYAML, check-jsonschema).
# Idempotent: a venv whose requirements stamp matches is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
req=python/requirements.txt
venv=.venv
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup-python: $venv is up to date"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
echo "$want" > "$stamp"
echo "setup-python: installed $(sed -n 's/^\(dagster==[^ ]*\)$/\1/p' "$req")"
