#!/usr/bin/env bash
# Installs Debian's chromium and axe-core (from the npm registry) for the browser suite.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if [ ! -f "$here/tests/browser/node_modules/axe-core/axe.min.js" ]; then
  (cd "$here/tests/browser" && npm ci --no-audit --no-fund --silent)
fi
chromium --version
