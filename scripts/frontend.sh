#!/usr/bin/env bash
# Front-end assets: KERN UX (@kern-ux/native, EUPL-1.2) from npm into src/Saas.Host/wwwroot/lib/kern.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host="$root/src/Saas.Host"
target="$host/wwwroot/lib/kern"
if [ ! -f "$target/kern.min.css" ]; then
  (cd "$host" && npm ci --no-audit --no-fund --silent)
  mkdir -p "$target"
  cp -r "$host/node_modules/@kern-ux/native/dist/." "$target/"
  cp "$host/node_modules/@kern-ux/native/LICENSE.md" "$target/LICENSE.md"
fi
