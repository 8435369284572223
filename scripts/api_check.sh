#!/usr/bin/env bash
# make test-api: the portal's JSON endpoints against their OpenAPI description
# (portal/openapi.yaml, served at /api/openapi.yaml) with schemathesis.
# A throw-away site (its own var directory, SQLite, the demo data and a published
# 台账校验公示) is served on 127.0.0.1:$API_PORT; every check runs (no 500s, status codes,
# content types and bodies as described, 405 for undeclared methods, bad input refused),
# bounded by API_MAX_EXAMPLES per operation and API_MAX_TIME seconds. The cases come from a
# fixed seed (API_SEED) so a CI run is reproducible; API_SEED=random explores new ones.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${API_PORT:-8231}"
MAX_EXAMPLES="${API_MAX_EXAMPLES:-25}"
MAX_TIME="${API_MAX_TIME:-180}"
SEED="${API_SEED:-20261207}"
seed_args=(--seed "$SEED")
[ "$SEED" = random ] && seed_args=()
BIN=.venv/bin
WORK="$(mktemp -d "${TMPDIR:-/tmp}/portal-api.XXXXXX")"
export PORTAL_VAR_DIR="$WORK" DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DJANGO_SETTINGS_MODULE=portal.settings.dev REDIS_URL= ELASTICSEARCH_URL=
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "--- test-api: preparing a demo site in $WORK" >&2
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_demo >/dev/null
$BIN/python manage.py publish_integrity_heads >/dev/null
$BIN/python manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/openapi.yaml" && break
    kill -0 "$server" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 1
done
echo "--- test-api: schemathesis against http://127.0.0.1:$PORT/api/openapi.yaml" >&2
status=0
$BIN/st run "http://127.0.0.1:$PORT/api/openapi.yaml" --checks all \
    --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --workers 1 \
    --generation-database none --no-color --output-truncate true "${seed_args[@]}" || status=$?
if grep -q " 500 " "$WORK/server.log"; then
    echo "!!! test-api: the server answered 500:" >&2
    grep " 500 " "$WORK/server.log" | head -20 >&2
    status=1
fi
exit "$status"
