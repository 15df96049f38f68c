#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if needed, starts it and creates the test role.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='pasientforlop'\" | grep -q 1 || psql -q -c \"CREATE ROLE pasientforlop LOGIN PASSWORD 'pasientforlop' CREATEDB\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='pasientforlop'\" | grep -q 1 || createdb -O pasientforlop pasientforlop"
echo "PostgreSQL $version is running on 127.0.0.1:5432"
