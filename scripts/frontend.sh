#!/usr/bin/env bash
# Front-end assets from npm (versions pinned in src/Saas.Host/package.json): KERN UX (@kern-ux/native, EUPL-1.2) into
# src/Saas.Host/wwwroot/lib/kern, and bpmn-js's navigated viewer (MIT, its bpmn.io watermark stays visible) into
# src/Saas.Host/wwwroot/lib/bpmn-js for the process diagrams of the admin area (docs/adr/0025), and the ALTCHA widget
# (MIT) into src/Saas.Host/wwwroot/lib/altcha: its build without inline styles and workers, the workers as files and
# the translations of the portal's languages, so the pages' CSP (scripts and workers from 'self') holds (docs/adr/0036).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$root/src/Saas.Host"
target="$host/wwwroot/lib/kern"
bpmn="$host/wwwroot/lib/bpmn-js"
altcha="$host/wwwroot/lib/altcha"
if [ ! -f "$target/kern.min.css" ] || [ ! -f "$bpmn/bpmn-navigated-viewer.production.min.js" ] || [ ! -f "$altcha/workers/pbkdf2.js" ]; then
  (cd "$host" && npm ci --no-audit --no-fund --silent)
  mkdir -p "$target" "$bpmn"
  cp -r "$host/node_modules/@kern-ux/native/dist/." "$target/"
  cp "$host/node_modules/@kern-ux/native/LICENSE.md" "$target/LICENSE.md"
  cp "$host/node_modules/bpmn-js/dist/bpmn-navigated-viewer.production.min.js" "$bpmn/"
  cp "$host/node_modules/bpmn-js/dist/assets/diagram-js.css" "$host/node_modules/bpmn-js/dist/assets/bpmn-js.css" "$bpmn/"
  cp "$host/node_modules/bpmn-js/LICENSE" "$bpmn/LICENSE"
  mkdir -p "$altcha/workers" "$altcha/i18n"
  cp "$host/node_modules/altcha/dist/external/altcha.min.js" "$host/node_modules/altcha/dist/external/altcha.css" "$altcha/"
  cp "$host/node_modules/altcha/dist/workers/pbkdf2.js" "$host/node_modules/altcha/dist/workers/sha.js" "$altcha/workers/"
  for lang in de en ar fa ru tr uk; do cp "$host/node_modules/altcha/dist/i18n/$lang.js" "$altcha/i18n/"; done
  cp "$host/node_modules/altcha/LICENSE.txt" "$altcha/LICENSE.txt"
fi
