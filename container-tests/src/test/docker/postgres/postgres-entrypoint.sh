#!/bin/bash
# The official postgres image's first start, in short: an empty data directory becomes a cluster whose superuser is
# POSTGRES_USER (password POSTGRES_PASSWORD; scram-sha-256 from any address) with POSTGRES_DB owned by it. Then the
# server itself, as PID 1, so that docker stop's SIGINT is a fast shutdown.
set -euo pipefail
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  initdb -D "$PGDATA" -U "$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
  if [[ $database != postgres ]]; then
    echo "CREATE DATABASE \"$database\"" | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "Created database $database owned by $user"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*'
