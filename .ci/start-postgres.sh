#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1:${PGPORT:-55432} owned by the `postgres` user (PostgreSQL
# refuses to run as root) and print the DATABASE_URL for it. Idempotent: reuses a running server.
set -euo pipefail
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA_DIR:-/tmp/carebridge-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! as_pg "$BIN/pg_isready -h 127.0.0.1 -p $PGPORT" >/dev/null 2>&1; then
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    as_pg "$BIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  as_pg "$BIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -o '-h 127.0.0.1 -p $PGPORT -k /tmp' -w start" >/dev/null
fi
as_pg "psql -h 127.0.0.1 -p $PGPORT -U postgres -tc \"select 1 from pg_database where datname='carebridge_test'\"" | grep -q 1 ||
  as_pg "psql -h 127.0.0.1 -p $PGPORT -U postgres -c 'create database carebridge_test'" >/dev/null
echo "postgres://postgres@127.0.0.1:$PGPORT/carebridge_test"
