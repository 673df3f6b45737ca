#!/usr/bin/env bash
# nginx from Debian, for the replicas test (three hosts behind one nginx, tests/Saas.Host.Tests/Replicas). The test
# writes its own nginx.conf and starts nginx as its child process; nothing here configures or starts a service.
# Used by test.sh (run.sh starts one host and needs no proxy).
set -euo pipefail
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx.sh: installing nginx from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq nginx >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq nginx >/dev/null; }
fi
