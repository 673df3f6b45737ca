#!/usr/bin/env bash
# Browser tests use Debian's Chromium (no browser download) and axe-core from npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x /usr/bin/chromium ]; then
  echo "browser.sh: installing Chromium from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if [ ! -f "$root/tests/Saas.Browser.Tests/node_modules/axe-core/axe.min.js" ]; then
  (cd "$root/tests/Saas.Browser.Tests" && npm ci --no-audit --no-fund --silent)
fi
