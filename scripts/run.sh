#!/usr/bin/env bash
# Starts the whole platform on the embedded default: a local PostgreSQL (installed and started here if
# missing), migrations, the demo authorities from tenants/, the built-in OpenID Connect sign-in, maildev as the
# SMTP server with its web inbox, and the web host on http://localhost:${SAAS_PORT:-5080}. Stop with Ctrl+C.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${SAAS_PORT:-5080}"

scripts/postgres.sh start
[ -x scripts/frontend.sh ] && scripts/frontend.sh
# The e-Akte's document tools: pdftotext, tesseract (German), zbarimg.
scripts/tools.sh
# E-mail goes to maildev on loopback: a real SMTP server whose web inbox shows what the platform sent.
smtpport="${SAAS_SMTP_PORT:-1025}"; mailport="${SAAS_MAILDEV_PORT:-1080}"
SAAS_SMTP_PORT="$smtpport" SAAS_MAILDEV_PORT="$mailport" scripts/mail.sh start
export Mail__Host="${Mail__Host:-127.0.0.1}" Mail__Port="${Mail__Port:-$smtpport}" Mail__Security="${Mail__Security:-None}"
export Mail__From="${Mail__From:-no-reply@localhost}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Saas__ImportTenantsFrom="${Saas__ImportTenantsFrom:-$root/tenants}"
export Saas__TenantsPath="${Saas__TenantsPath:-$root/tenants}"
export Saas__PublicBaseUrl="${Saas__PublicBaseUrl:-http://localhost:$port}"
pgport="${SAAS_PGPORT:-55432}"
export Database__Application="${Database__Application:-Host=127.0.0.1;Port=$pgport;Database=saas;Username=saas_app;Password=${SAAS_PG_APP_PASSWORD:-saas_app_dev};Maximum Pool Size=50}"
export Database__Owner="${Database__Owner:-Host=127.0.0.1;Port=$pgport;Database=saas;Username=saas_owner;Password=${SAAS_PG_OWNER_PASSWORD:-saas_owner_dev}}"

dotnet build src/Saas.Host -c Release -nologo -clp:ErrorsOnly

echo
echo "Platform:        http://localhost:$port/"
for tenant in tenants/*/tenant.yaml; do
  [ -f "$tenant" ] || continue
  key="$(basename "$(dirname "$tenant")")"
  printf '  %-18s http://localhost:%s/t/%s/   or   http://%s.localhost:%s/\n' "$key" "$port" "$key" "$key" "$port"
done
echo "Health:          http://localhost:$port/health/ready   OpenAPI: http://localhost:$port/openapi/v1.json"
echo "Mail inbox:      http://localhost:$mailport/   (maildev: every e-mail the platform sends lands here)"
if ls tenants/*/users.yaml >/dev/null 2>&1; then
  echo "Demo sign-ins (embedded provider, Development only):"
  for users in tenants/*/users.yaml; do
    key="$(basename "$(dirname "$users")")"
    awk -v key="$key" '
      /username:/ { gsub(/["\x27,]/, ""); user = $NF }
      /password:/ { gsub(/["\x27,]/, ""); printf "  %-18s %-22s password %s\n", key, user, $NF }
    ' "$users"
  done
fi
echo

exec dotnet run --project src/Saas.Host -c Release --no-build --no-launch-profile --urls "http://0.0.0.0:$port"
