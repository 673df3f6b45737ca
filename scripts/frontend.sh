#!/usr/bin/env bash
# Front-end assets from npm (versions pinned in src/Saas.Host/package.json): KERN UX (@kern-ux/native, EUPL-1.2) into
# src/Saas.Host/wwwroot/lib/kern, and bpmn-js's navigated viewer (MIT, its bpmn.io watermark stays visible) into
# src/Saas.Host/wwwroot/lib/bpmn-js for the process diagrams of the admin area (docs/adr/0025).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$root/src/Saas.Host"
target="$host/wwwroot/lib/kern"
bpmn="$host/wwwroot/lib/bpmn-js"
if [ ! -f "$target/kern.min.css" ] || [ ! -f "$bpmn/bpmn-navigated-viewer.production.min.js" ]; then
  (cd "$host" && npm ci --no-audit --no-fund --silent)
  mkdir -p "$target" "$bpmn"
  cp -r "$host/node_modules/@kern-ux/native/dist/." "$target/"
  cp "$host/node_modules/@kern-ux/native/LICENSE.md" "$target/LICENSE.md"
  cp "$host/node_modules/bpmn-js/dist/bpmn-navigated-viewer.production.min.js" "$bpmn/"
  cp "$host/node_modules/bpmn-js/dist/assets/diagram-js.css" "$host/node_modules/bpmn-js/dist/assets/bpmn-js.css" "$bpmn/"
  cp "$host/node_modules/bpmn-js/LICENSE" "$bpmn/LICENSE"
fi
