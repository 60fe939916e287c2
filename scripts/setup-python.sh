#!/usr/bin/env bash
# Creates the two Python environments the tests need and links them into the clone:
#   .venv            pinned tools (Dagster, PyYAML, check-jsonschema, pre-commit): python/requirements.txt
#   .venv-anomstack  what `import anomstack.main` needs, from the upstream tree's requirements-frozen.txt
#                    (its requirements.txt with pyod from PyPI; Dagster 1.13.27), for the oracle suites.
# Each venv lives in a cache OUTSIDE the clone, keyed by the hash of its requirements and the Python
# version (${XDG_CACHE_HOME:-$HOME/.cache}/anomstack-hot-reload/venv-<name>-<sha>), so a fresh clone
# (CI) reuses an existing one instead of installing again. Idempotent.
# The upstream tree: $ANOMSTACK_UPSTREAM_DIR, else ../shared/upstream/anomstack. Without it the
# second venv is skipped with one line (the oracle suites then skip with one line too).
set -euo pipefail
cd "$(dirname "$0")/.."
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/anomstack-hot-reload"
python=${PYTHON:-python3}
pyver=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')

# cached_venv LINK NAME REQUIREMENTS: makes LINK a symlink to a cached venv built from REQUIREMENTS.
cached_venv() {
  local link=$1 name=$2 req=$3 want legacy have dir
  want=$( (cat "$req"; echo "python $pyver") | sha256sum | cut -c1-16)
  legacy=$(sha256sum "$req" | cut -d' ' -f1) # the stamp of an in-clone venv made by older versions
  dir="$cache_root/venv-$name-$want"
  have=$(cat "$link/.requirements.sha256" 2>/dev/null || true)
  if [ -x "$link/bin/python" ] && { [ "$have" = "$want" ] || [ "$have" = "$legacy" ]; }; then
    echo "setup-python: $link is up to date"
    return
  fi
  if ! { [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.requirements.sha256" 2>/dev/null)" = "$want" ]; }; then
    echo "setup-python: installing $name into $dir"
    mkdir -p "$cache_root"
    # Built at its final path (a venv is not relocatable), marked complete only at the end.
    rm -rf "$dir"
    "$python" -m venv "$dir"
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$dir/.requirements.sha256"
  else
    echo "setup-python: reusing $dir"
  fi
  # A venv directory left by an older version of this script is replaced by the link.
  if [ -d "$link" ] && [ ! -L "$link" ]; then rm -rf "$link"; fi
  ln -sfn "$dir" "$link"
}

cached_venv .venv tools python/requirements.txt
echo "setup-python: $(sed -n 's/^\(dagster==[^ ]*\)$/\1/p' python/requirements.txt)"

upstream="${ANOMSTACK_UPSTREAM_DIR:-../shared/upstream/anomstack}"
if [ "${SETUP_ANOMSTACK:-1}" = "0" ]; then
  echo "setup-python: skipping .venv-anomstack (SETUP_ANOMSTACK=0)"
elif [ ! -f "$upstream/anomstack/main.py" ] || [ ! -f "$upstream/requirements.txt" ]; then
  echo "setup-python: skipping .venv-anomstack: no Anomstack checkout at $upstream (set ANOMSTACK_UPSTREAM_DIR)"
else
  if [ -f "$upstream/requirements-frozen.txt" ]; then
    # ../shared's known-good resolution (pip freeze of a working environment).
    req="$upstream/requirements-frozen.txt"
  else
    # A plain upstream checkout (GitHub workflow): its requirements with the git pin of pyod
    # replaced by PyPI's pyod; pip resolves the Dagster family to 1.13.27.
    mkdir -p "$cache_root"
    req="$cache_root/requirements-anomstack.txt"
    sed 's|^pyod @ git+.*$|pyod>=2.0.6|' "$upstream/requirements.txt" > "$req"
  fi
  cached_venv .venv-anomstack anomstack "$req"
  echo "setup-python: .venv-anomstack imports anomstack.main from $upstream"
fi
