#!/usr/bin/env bash
# Test services from packages: Debian's Chromium (no browser download), axe-core, s3rver and bpmn-moddle from npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then
  echo "browser.sh: installing Chromium and poppler-utils from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >/dev/null
fi
if [ ! -f "$root/tests/Saas.Browser.Tests/node_modules/axe-core/axe.min.js" ]; then
  (cd "$root/tests/Saas.Browser.Tests" && npm ci --no-audit --no-fund --silent)
fi
# The MinIO blob store is tested against s3rver, a real S3 server from npm; the ALTCHA proof of work against
# altcha-lib, ALTCHA's own server library (docs/adr/0036).
if [ ! -x "$root/tests/Saas.Platform.Tests/node_modules/.bin/s3rver" ] || [ ! -f "$root/tests/Saas.Platform.Tests/node_modules/altcha-lib/package.json" ]; then
  (cd "$root/tests/Saas.Platform.Tests" && npm ci --no-audit --no-fund --silent)
fi
# The BPMN export of processes is read back with bpmn-moddle, bpmn.io's reader (docs/adr/0025).
if [ ! -f "$root/modules/Workflows/Saas.Modules.Workflows.Tests/node_modules/bpmn-moddle/package.json" ]; then
  (cd "$root/modules/Workflows/Saas.Modules.Workflows.Tests" && npm ci --no-audit --no-fund --silent)
fi
