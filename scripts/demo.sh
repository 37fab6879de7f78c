#!/usr/bin/env bash
# One command: install, then code the bundled example article and print its events.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/conflictcoder code examples/sudan-el-fasher-de.txt --published 2025-06-11 --format json
