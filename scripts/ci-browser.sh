#!/usr/bin/env bash
# Install Debian's Chromium for the dashboard's end-to-end tests (driven by Playwright's Python
# package with executable_path=/usr/bin/chromium; no browser is downloaded). Needs root.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ci-browser: not root; browser tests will be skipped" >&2
  exit 0
fi
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >&2
