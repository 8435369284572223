#!/usr/bin/env bash
# `make services`: PostgreSQL and Redis on 127.0.0.1 for the PostgreSQL test run and for
# production-like local serving. Installs Debian's packages when they are missing, starts
# both servers when they are down, and returns once both answer. Safe to re-run.
#
#   PostgreSQL: 127.0.0.1:5432, user postgres, trust auth for local connections (a
#               development and CI machine only), a database named `test`.
#   Redis:      127.0.0.1:6379.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

say() { echo ">>> services: $*"; }
die() { echo "!!! services: $*" >&2; exit 1; }

# Run "$@" until it succeeds, for up to 30 seconds; fail with the server's name if it never does.
wait_until() {
  local what=$1; shift
  for _ in $(seq 1 60); do
    "$@" >/dev/null 2>&1 && return
    sleep 0.5
  done
  die "$what does not answer"
}

apt_updated=""
apt_install() {
  [ "$(id -u)" = "0" ] || die "$* missing and installing it needs root: apt-get install -y $*"
  command -v apt-get >/dev/null || die "$* missing and there is no apt-get"
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  say "installing $* with apt-get"
  apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL -------------------------------------------------------------------------
command -v pg_lsclusters >/dev/null && [ -n "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ] \
  || apt_install postgresql postgresql-contrib

version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
  say "creating PostgreSQL $version cluster 'main'"
  pg_createcluster "$version" main >/dev/null
fi

# Trust local connections (peer/scram would need a password or a matching system user).
hba="/etc/postgresql/$version/main/pg_hba.conf"
if ! grep -q "^# portal: trust local connections" "$hba"; then
  say "PostgreSQL: trusting local connections in $hba"
  {
    echo "# portal: trust local connections (development and CI machines only)"
    echo "local   all   all                 trust"
    echo "host    all   all   127.0.0.1/32  trust"
    echo "host    all   all   ::1/128       trust"
    grep -v "^# portal:" "$hba"
  } > "$hba.new"
  mv "$hba.new" "$hba"
  chown postgres:postgres "$hba"
  pg_ctlcluster "$version" main status >/dev/null 2>&1 && pg_ctlcluster "$version" main reload
fi

if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
  say "starting PostgreSQL $version"
  pg_ctlcluster "$version" main start
fi

wait_until "PostgreSQL on 127.0.0.1:5432" pg_isready -q -h 127.0.0.1 -p 5432

if [ "$(psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'")" != "1" ]; then
  say "creating database 'test'"
  createdb -h 127.0.0.1 -U postgres test
fi
say "PostgreSQL answers: postgres://postgres@127.0.0.1:5432/test"

# --- Redis ------------------------------------------------------------------------------
command -v redis-server >/dev/null || apt_install redis-server

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes \
    --dir /var/lib/redis --logfile /var/log/redis/portal-redis.log \
    --save "" --appendonly no
fi

wait_until "Redis on 127.0.0.1:6379" sh -c '[ "$(redis-cli -h 127.0.0.1 -p 6379 ping)" = PONG ]'
say "Redis answers: redis://127.0.0.1:6379/0"
