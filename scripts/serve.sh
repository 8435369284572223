#!/usr/bin/env bash
# `make serve` / `make serve-stop`: the portal as production runs it, on this machine.
#
#   Varnish (deploy/varnish/default.vcl) on $HOST:$PORT (default 127.0.0.1:8080)
#     -> gunicorn with portal.settings.production on $HOST:$APP_PORT (default PORT+1)
#     -> Redis ($REDIS_URL, default redis://127.0.0.1:6379/1: page cache, its generation,
#        rate limits) and the database ($DATABASE_URL, default SQLite under var/).
#
# Publishing purges the front cache through PORTAL_FRONT_CACHE_URL (docs/caching.md).
# Every setting below is a safe default for a local run only; a deployment sets its own
# environment (docs/operations.md). The secret key and the integrity key are made once
# and kept under var/serve/.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8080}
APP_PORT=${APP_PORT:-$((PORT + 1))}
WORKERS=${WORKERS:-2}
RUN=${PORTAL_VAR_DIR:-$PWD/var}/serve
PY=.venv/bin/python
say() { echo ">>> serve: $*" >&2; }
die() { echo "!!! serve: $*" >&2; exit 1; }

secret() {  # a value made once and kept in $RUN/$1
  [ -s "$RUN/$1" ] || (umask 077; $PY -c "import secrets; print(secrets.$2)" > "$RUN/$1")
  cat "$RUN/$1"
}

stop() {
  if [ -f "$RUN/gunicorn.pid" ]; then
    pid=$(cat "$RUN/gunicorn.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      say "gunicorn stopped"
    fi
    rm -f "$RUN/gunicorn.pid"
  fi
  bash scripts/frontcache.sh stop "$HOST:$PORT"
}

start() {
  mkdir -p "$RUN"
  bash scripts/services.sh >&2
  bash scripts/frontcache.sh install
  export DJANGO_SETTINGS_MODULE=portal.settings.production
  export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(secret secret-key 'token_urlsafe(60)')}
  export INTEGRITY_KEY=${INTEGRITY_KEY:-$(secret integrity-key 'token_hex(32)')}
  export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}
  # Plain HTTP on the loopback: no HTTPS redirect, no HSTS, cookies without `Secure`.
  export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
  export DJANGO_HSTS_SECONDS=${DJANGO_HSTS_SECONDS:-0}
  export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-0}
  export REDIS_URL=${REDIS_URL-redis://127.0.0.1:6379/1}
  export PORTAL_FRONT_CACHE_URL=${PORTAL_FRONT_CACHE_URL:-http://$HOST:$PORT}
  export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}
  stop
  $PY manage.py migrate --noinput -v0
  $PY manage.py collectstatic --noinput -v0
  if [ "${SERVE_DEMO:-1}" = "1" ]; then
    $PY manage.py load_demo
  fi
  $PY -m gunicorn portal.wsgi:application --bind "$HOST:$APP_PORT" --workers "$WORKERS" \
    --pid "$RUN/gunicorn.pid" --daemon --access-logfile "$RUN/access.log" \
    --error-logfile "$RUN/error.log"
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://$HOST:$APP_PORT/robots.txt" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "http://$HOST:$APP_PORT/robots.txt" \
    || { tail -n 30 "$RUN/error.log" >&2; die "gunicorn does not answer on $HOST:$APP_PORT"; }
  bash scripts/frontcache.sh start "$HOST:$PORT" "$HOST:$APP_PORT" >/dev/null
  say "the portal is on http://$HOST:$PORT/ (front cache) -> gunicorn on $HOST:$APP_PORT;"
  say "stop it with: make serve-stop${PORT:+ PORT=$PORT}"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 [start|stop]" ;;
esac
