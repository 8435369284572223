#!/usr/bin/env bash
# The accessibility gate's axe-core (tests/e2e/axe/package.json, pinned, from npm).
# Installs it with `npm ci` when missing; without npm it says loudly that the gate
# (tests/e2e/test_axe.py) will be SKIPPED. No browser is downloaded here.
set -uo pipefail
cd "$(dirname "$0")/../tests/e2e/axe"
if [ -f node_modules/axe-core/axe.min.js ] && \
   grep -q "\"version\": \"$(sed -n 's/.*"axe-core": "\([^"]*\)".*/\1/p' package.json)\"" \
        node_modules/axe-core/package.json; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "!!! npm not found: the axe accessibility gate will be SKIPPED." >&2
    echo "!!! Install it with: apt-get install -y npm" >&2
    exit 0
fi
echo "--- installing axe-core for the accessibility gate (npm ci)" >&2
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2 || {
    echo "!!! npm ci failed: the axe accessibility gate will be SKIPPED." >&2
    exit 0
}
