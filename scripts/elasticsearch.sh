#!/usr/bin/env bash
# A local Elasticsearch 8 node for development and tests (`make elasticsearch`), never for
# production: point a production site at its own cluster with ELASTICSEARCH_URL.
#
#   scripts/elasticsearch.sh start    start the node (unpacking the distribution from Maven
#                                     Central first, see deploy/elasticsearch/pom.xml) and
#                                     return once the cluster is green
#   scripts/elasticsearch.sh stop     stop it
#   scripts/elasticsearch.sh status   exit 0 when it answers
#   scripts/elasticsearch.sh ensure   for `make test`: print the node's URL, starting it when
#                                     java and mvn are there; otherwise say loudly that the
#                                     Elasticsearch tests will be skipped and print nothing
#
# One node by default: http://127.0.0.1:9200, data and logs under var/elasticsearch/dev.
# The environment describes other nodes (the cluster test starts three this way):
#   ES_NAME             node name and folder under var/elasticsearch/   (dev)
#   ES_HTTP_PORT        HTTP port on 127.0.0.1                           (9200)
#   ES_TRANSPORT_PORT   transport port on 127.0.0.1                      (9300)
#   ES_CLUSTER          cluster name                                     (portal-dev)
#   ES_SEED_PORTS       transport ports of the other nodes, comma-separated; set for a
#                       cluster of several nodes (otherwise a single-node cluster)
#   ES_MASTER_NODES     the cluster's initial master-eligible node names, comma-separated
#   ES_HEAP             heap size                                        (512m)
#   ES_WAIT_STATUS      the health to wait for                           (green)
# Elasticsearch refuses to run as root: as root, the node runs as the system user
# `elasticsearch` (created when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

name=${ES_NAME:-dev}
http_port=${ES_HTTP_PORT:-9200}
transport_port=${ES_TRANSPORT_PORT:-9300}
cluster=${ES_CLUSTER:-portal-dev}
heap=${ES_HEAP:-512m}
wait_status=${ES_WAIT_STATUS:-green}
home="$root/var/elasticsearch/$name"
pidfile="$home/node.pid"
url="http://127.0.0.1:$http_port"

say() { echo ">>> elasticsearch[$name]: $*" >&2; }
die() { echo "!!! elasticsearch[$name]: $*" >&2; exit 1; }

answers() { curl -fsS -m 2 "$url/_cluster/health" >/dev/null 2>&1; }

node_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

distribution() {
  local dist
  dist=$(ls -d "$root"/var/elasticsearch/dist/elasticsearch-* 2>/dev/null | sort -V | tail -n1)
  if [ -z "$dist" ]; then
    command -v mvn >/dev/null || die "mvn is needed to fetch Elasticsearch (apt-get install maven)"
    say "unpacking the Elasticsearch distribution (Maven Central) under var/elasticsearch/dist"
    mvn -q -B -f "$root/deploy/elasticsearch/pom.xml" package >&2 \
      || die "mvn could not fetch org.elasticsearch.distribution.integ-test-zip:elasticsearch"
    dist=$(ls -d "$root"/var/elasticsearch/dist/elasticsearch-* | sort -V | tail -n1)
  fi
  echo "$dist"
}

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  command -v java >/dev/null || die "java (17 or newer) is needed"
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

start() {
  if answers; then
    say "already answering at $url"
    echo "ELASTICSEARCH_URL=$url"
    return
  fi
  local dist; dist=$(distribution)
  mkdir -p "$home/data" "$home/logs"
  # Each node keeps its own copy of the configuration (the keystore is written there).
  if [ ! -d "$home/config" ]; then
    cp -r "$dist/config" "$home/config"
  fi
  local run=()
  if [ "$(id -u)" = "0" ]; then
    id elasticsearch >/dev/null 2>&1 \
      || useradd --system --no-create-home --shell /usr/sbin/nologin elasticsearch
    chown -R elasticsearch "$home"
    run=(runuser -u elasticsearch --)
  fi
  local settings=(
    -E "node.name=$name" -E "cluster.name=$cluster"
    -E "network.host=127.0.0.1" -E "http.port=$http_port" -E "transport.port=$transport_port"
    -E "path.data=$home/data" -E "path.logs=$home/logs"
    -E "xpack.security.enabled=false"
    # A development machine's disk may be fuller than a server's: allocate shards anyway.
    -E "cluster.routing.allocation.disk.threshold_enabled=false"
  )
  if [ -n "${ES_SEED_PORTS:-}" ]; then
    local seeds=""
    for port in ${ES_SEED_PORTS//,/ }; do seeds="$seeds${seeds:+,}127.0.0.1:$port"; done
    settings+=(-E "discovery.seed_hosts=$seeds"
               -E "cluster.initial_master_nodes=${ES_MASTER_NODES:-$name}")
  else
    settings+=(-E "discovery.type=single-node")
  fi
  say "starting on $url (cluster $cluster, heap $heap)"
  rm -f "$pidfile"
  "${run[@]}" env ES_JAVA_HOME="$(java_home)" ES_PATH_CONF="$home/config" \
    ES_JAVA_OPTS="-Xms$heap -Xmx$heap" \
    "$dist/bin/elasticsearch" -d -p "$pidfile" "${settings[@]}" \
    >"$home/logs/launcher.out" 2>&1 \
    || { tail -n 20 "$home/logs/launcher.out" >&2; die "the node did not start"; }
  [ -n "${ES_NO_WAIT:-}" ] && return
  wait_for "$wait_status"
  echo "ELASTICSEARCH_URL=$url"
}

wait_for() {
  for _ in $(seq 1 180); do
    if curl -fsS -m 5 "$url/_cluster/health?wait_for_status=$1&timeout=1s" 2>/dev/null \
        | grep -q '"timed_out":false'; then
      say "cluster is $1 at $url"
      return
    fi
    sleep 1
  done
  tail -n 20 "$home/logs/$cluster.log" >&2 2>/dev/null || true
  die "no $1 cluster at $url after 3 minutes"
}

stop() {
  local pid
  if pid=$(node_pid); then
    say "stopping (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  else
    say "not running"
  fi
  rm -f "$pidfile"
}

ensure() {
  if answers; then echo "$url"; return; fi
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    if (start) >&2; then echo "$url"; return; fi
  fi
  cat >&2 <<'MSG'
########################################################################
#  WARNING: no Elasticsearch node (java and mvn are needed to start    #
#  one, see `make elasticsearch`). The Elasticsearch half of the       #
#  search and scope tests WILL BE SKIPPED.                             #
########################################################################
MSG
}

case "${1:-start}" in
  start) start ;;
  ensure) ensure ;;
  stop) stop ;;
  status) answers ;;
  wait) wait_for "${2:-$wait_status}" ;;
  *) die "usage: $0 start|stop|status|ensure|wait [status]" ;;
esac
