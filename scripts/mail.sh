#!/usr/bin/env bash
# The SMTP server of the embedded default and the tests: maildev from npm (MIT, pinned in scripts/maildev/package.json),
# a real SMTP server on loopback with a web inbox (docs/adr/0034). Nothing leaves the machine: it relays nowhere.
#   scripts/mail.sh install   npm ci (the tests start their own maildev on free ports from this installation)
#   scripts/mail.sh start     SMTP on 127.0.0.1:${SAAS_SMTP_PORT:-1025}, inbox on http://localhost:${SAAS_MAILDEV_PORT:-1080}/
#   scripts/mail.sh stop | status
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/scripts/maildev"
bin="$dir/node_modules/.bin/maildev"
smtp="${SAAS_SMTP_PORT:-1025}"
web="${SAAS_MAILDEV_PORT:-1080}"
state="$root/.local/maildev"
pidfile="$state/maildev-$smtp.pid"

install() {
  if [ ! -x "$bin" ]; then
    if ! command -v npm >/dev/null; then
      echo "mail.sh: installing Node.js and npm from Debian packages" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq nodejs npm >/dev/null
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "${1:-start}" in
  install) install ;;
  start)
    install
    mkdir -p "$state"
    if ! running; then
      nohup "$bin" --smtp "$smtp" --ip 127.0.0.1 --web "$web" --web-ip 127.0.0.1 --max-emails 500 --silent \
        >"$state/maildev-$smtp.log" 2>&1 &
      echo $! >"$pidfile"
      for _ in $(seq 1 60); do
        if curl -fsS "http://127.0.0.1:$web/api/healthz" >"$state/health" 2>&1; then break; fi
        sleep 0.5
      done
      if ! curl -fsS "http://127.0.0.1:$web/api/healthz" >"$state/health" 2>&1; then
        echo "mail.sh: maildev did not start; see $state/maildev-$smtp.log" >&2
        exit 1
      fi
    fi
    echo "mail.sh: SMTP on 127.0.0.1:$smtp, inbox on http://localhost:$web/" >&2 ;;
  stop)
    if running; then kill "$(cat "$pidfile")"; fi
    rm -f "$pidfile" ;;
  status)
    if running; then echo "maildev running (pid $(cat "$pidfile"))"; else echo "maildev not running"; exit 3; fi ;;
  *) echo "usage: scripts/mail.sh install|start|stop|status" >&2; exit 2 ;;
esac
