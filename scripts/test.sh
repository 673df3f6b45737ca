#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts the local PostgreSQL (and the front-end assets and
# Chromium when the browser tests need them), builds, and runs all test projects against real services.
# Ends with one line "tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/postgres.sh start
[ -x scripts/frontend.sh ] && scripts/frontend.sh
[ -x scripts/browser.sh ] && scripts/browser.sh
scripts/tools.sh
# maildev, the SMTP server the tests send through (each test process starts its own on free ports).
scripts/mail.sh install
# nginx in front of three hosts for the replicas test (tests/Saas.Host.Tests/Replicas).
scripts/nginx.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Saas.sln -c Release -nologo -clp:ErrorsOnly

results="$root/.local/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
dotnet test Saas.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
