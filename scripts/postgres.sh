#!/usr/bin/env bash
# Embedded default database: installs PostgreSQL from Debian if it is missing, creates a cluster under
# .local/pg (owned by the postgres OS user, because initdb refuses root), starts it on port 55432 and creates
# the roles the platform needs. Idempotent. Prints nothing but progress; exports nothing.
#
#   scripts/postgres.sh start    ensure installed, initialised, running, roles present
#   scripts/postgres.sh stop
#   scripts/postgres.sh status
#
# Production does not use this: it points Database:Application / Database:Owner at a managed PostgreSQL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGPORT="${SAAS_PGPORT:-55432}"
PGDATA="${SAAS_PGDATA:-$root/.local/pg/data}"
PGSOCK="${SAAS_PGSOCK:-$root/.local/pg/sock}"
PGLOG="$root/.local/pg/postgres.log"
SUPER_PASSWORD="${SAAS_PG_SUPER_PASSWORD:-saas_super_dev}"
OWNER_PASSWORD="${SAAS_PG_OWNER_PASSWORD:-saas_owner_dev}"
APP_PASSWORD="${SAAS_PG_APP_PASSWORD:-saas_app_dev}"
BYPASS_PASSWORD="${SAAS_PG_BYPASS_PASSWORD:-saas_bench_dev}"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_installed() {
  if ! find_bin >/dev/null; then
    echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    # The Debian package starts its own cluster on 5432; the platform uses its own on $PGPORT.
    (service postgresql stop >/dev/null 2>&1 || true)
  fi
}

ensure_cluster() {
  local bin; bin="$(find_bin)"
  mkdir -p "$PGDATA" "$PGSOCK"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres:postgres "$root/.local/pg"
    # postgres must be able to reach the folder through the checkout's parents.
    local d="$root"; while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
  fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    local pwfile; pwfile="$(mktemp)"; echo "$SUPER_PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
    as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
fsync = ${SAAS_PG_FSYNC:-on}
CONF
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    # Port and socket on the command line, so that SAAS_PGPORT applies to an existing cluster as well.
    as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PGLOG" -w -t 60 -o "-p $PGPORT -k $PGSOCK" start >/dev/null
  fi
}

psql_super() { "$(find_bin)/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

ensure_roles() {
  psql_super <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saas_owner') THEN
    CREATE ROLE saas_owner LOGIN CREATEDB PASSWORD '$OWNER_PASSWORD';
  END IF;
  -- The schema owner's SECURITY DEFINER search functions apply the tenant themselves (docs/adr/0007).
  ALTER ROLE saas_owner BYPASSRLS;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saas_app') THEN
    CREATE ROLE saas_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '$APP_PASSWORD';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saas_bench_bypass') THEN
    CREATE ROLE saas_bench_bypass LOGIN NOSUPERUSER BYPASSRLS PASSWORD '$BYPASS_PASSWORD';
  END IF;
END \$\$;
SQL
  if [ -z "$(psql_super -c "SELECT 1 FROM pg_database WHERE datname = 'saas'")" ]; then
    psql_super -c "CREATE DATABASE saas OWNER saas_owner"
  fi
  "$(find_bin)/psql" -h "$PGSOCK" -p "$PGPORT" -U postgres -d saas -qtA -c "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;" >/dev/null
}

case "${1:-start}" in
  start)
    ensure_installed; ensure_cluster; ensure_roles
    echo "postgres.sh: PostgreSQL running on 127.0.0.1:$PGPORT (data in $PGDATA)" >&2 ;;
  stop)
    bin="$(find_bin)"; as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true ;;
  status)
    bin="$(find_bin)"; as_postgres "$bin/pg_ctl" -D "$PGDATA" status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
