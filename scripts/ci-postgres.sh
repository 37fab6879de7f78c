#!/usr/bin/env bash
# Install PostgreSQL from Debian's packages, start it, create a test role and database, and print
# ONE line for the caller to eval:   export CONFLICTCODER_TEST_PG_URL=postgresql://...
# Everything else goes to stderr. Idempotent; needs root (CI) - without root it prints nothing.
set -euo pipefail
exec 3>&1 1>&2
if [ "$(id -u)" != "0" ]; then
  echo "ci-postgres: not root; PostgreSQL tests will be skipped" >&2
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ver="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | grep -q "^$ver main"; then
  pg_createcluster "$ver" main </dev/null >/dev/null 2>&1 3>&-
fi
pg_ctlcluster "$ver" main start </dev/null >/dev/null 2>&1 3>&- || true  # do not hand our stdout to the daemon
for i in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='conflictcoder'\"" | grep -q 1 || \
  su postgres -c "psql -qc \"create role conflictcoder login password 'conflictcoder'\""
su postgres -c "psql -qAtc \"select 1 from pg_database where datname='conflictcoder_test'\"" | grep -q 1 || \
  su postgres -c "createdb -O conflictcoder conflictcoder_test"
echo "export CONFLICTCODER_TEST_PG_URL=postgresql://conflictcoder:conflictcoder@127.0.0.1:5432/conflictcoder_test" >&3
