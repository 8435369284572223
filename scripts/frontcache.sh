#!/usr/bin/env bash
# The front cache (Varnish, Debian's package) in front of the portal's gunicorn.
#
#   scripts/frontcache.sh install              apt-get install varnish if varnishd is missing
#   scripts/frontcache.sh start LISTEN BACKEND start varnishd on LISTEN (host:port) in front of
#                                              BACKEND (host:port), configured from
#                                              deploy/varnish/default.vcl; prints its pid file
#   scripts/frontcache.sh stop LISTEN          stop the varnishd started for LISTEN
#
# Each instance keeps its working files under var/frontcache/<port>/ (or $FRONTCACHE_DIR).
# Safe to re-run: start stops an instance already running on the same port first.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

say() { echo ">>> frontcache: $*" >&2; }
die() { echo "!!! frontcache: $*" >&2; exit 1; }

varnishd_bin() {
  command -v varnishd 2>/dev/null || { [ -x /usr/sbin/varnishd ] && echo /usr/sbin/varnishd; } || true
}

install() {
  [ -n "$(varnishd_bin)" ] && return
  [ "$(id -u)" = "0" ] || die "varnishd missing and installing it needs root: apt-get install -y varnish"
  command -v apt-get >/dev/null || die "varnishd missing and there is no apt-get"
  say "installing varnish with apt-get"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends varnish >/dev/null
  # Debian's package starts a system instance on port 6081; the portal runs its own.
  if command -v systemctl >/dev/null && systemctl is-active --quiet varnish 2>/dev/null; then
    systemctl stop varnish || true
  fi
  [ -n "$(varnishd_bin)" ] || die "varnish installed but varnishd not found"
}

workdir() { echo "${FRONTCACHE_DIR:-$PWD/var/frontcache}/${1##*:}"; }

stop() {
  local dir pid
  dir=$(workdir "$1")
  [ -f "$dir/varnishd.pid" ] || return 0
  pid=$(cat "$dir/varnishd.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/varnishd.pid"
}

start() {
  local listen=$1 backend=$2 dir bin
  bin=$(varnishd_bin)
  [ -n "$bin" ] || die "varnishd is not installed (scripts/frontcache.sh install)"
  stop "$listen"
  dir=$(workdir "$listen")
  mkdir -p "$dir"
  cp deploy/varnish/default.vcl "$dir/default.vcl"
  cat > "$dir/backend.vcl" <<VCL
backend default {
    .host = "${backend%:*}";
    .port = "${backend##*:}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}
VCL
  "$bin" -a "$listen" -f "$dir/default.vcl" -n "$dir/instance" -P "$dir/varnishd.pid" \
    -s "malloc,${FRONTCACHE_MEMORY:-128m}" -T none -p vcl_path="$dir" \
    -j none 2>"$dir/varnishd.log" \
    || { cat "$dir/varnishd.log" >&2; die "varnishd did not start"; }
  for _ in $(seq 1 50); do [ -s "$dir/varnishd.pid" ] && break; sleep 0.1; done
  say "varnish on $listen in front of $backend (pid $(cat "$dir/varnishd.pid"))"
  echo "$dir/varnishd.pid"
}

case "${1:-}" in
  install) install ;;
  start) [ $# -eq 3 ] || die "usage: $0 start LISTEN BACKEND"; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop LISTEN"; stop "$2" ;;
  *) die "usage: $0 install | start LISTEN BACKEND | stop LISTEN" ;;
esac
