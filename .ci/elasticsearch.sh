#!/usr/bin/env bash
# Starts real Elasticsearch 8 nodes for the search suite, from Maven Central, with our launcher.
#   .ci/elasticsearch.sh start [NODES]   build .ci/es_runner (mvn -q), start NODES nodes (default 1)
#                                        on HTTP ports 9200.., wait for cluster health
#   .ci/elasticsearch.sh stop            stop every node
#   .ci/elasticsearch.sh stop-node N     stop node N (1-based); start-node N starts it again
#   .ci/elasticsearch.sh status          print cluster health
# ES_HEAP (default 512m) sets each node's heap; ES_BASE (default /tmp/pasientforlop-es) holds data;
# ES_HTTP_PORT / ES_TRANSPORT_PORT (default 9200 / 9300) are the first node's ports.
set -euo pipefail
cd "$(dirname "$0")/.."
runner=.ci/es_runner
base="${ES_BASE:-/tmp/pasientforlop-es}"
heap="${ES_HEAP:-512m}"
control="$base/control"
http_port="${ES_HTTP_PORT:-9200}"
transport_port="${ES_TRANSPORT_PORT:-9300}"
url="http://127.0.0.1:$http_port"

health() { curl -fsS -m 5 "$url/_cluster/health?wait_for_status=yellow&timeout=${1:-1}s" 2>/dev/null; }

wait_for() {
  local nodes="$1"
  for _ in $(seq 1 180); do
    if health 1 | grep -q "\"number_of_nodes\":$nodes,"; then
      health 1; echo; return 0
    fi
    if grep -qs "died while starting" "$base"/node-*/console.log ||
       { [ -f "$base/launcher.pid" ] && ! kill -0 "$(cat "$base/launcher.pid")" 2>/dev/null; }; then
      echo "Elasticsearch launcher exited; see $base/launcher.log and $base/node-*/console.log" >&2
      tail -40 "$base"/node-1/console.log >&2 || true
      return 1
    fi
    sleep 1
  done
  echo "Elasticsearch did not reach $nodes node(s) in time" >&2
  return 1
}

stop_all() {
  if [ -f "$base/launcher.pid" ] && kill -0 "$(cat "$base/launcher.pid")" 2>/dev/null; then
    touch "$control/stop"
    for _ in $(seq 1 60); do
      kill -0 "$(cat "$base/launcher.pid")" 2>/dev/null || break
      sleep 1
    done
  fi
  rm -f "$base/launcher.pid"
}

case "${1:-start}" in
  start)
    nodes="${2:-${ES_NODES:-1}}"
    if health 1 | grep -q "\"number_of_nodes\":$nodes,"; then
      echo "Elasticsearch already running with $nodes node(s)"; exit 0
    fi
    stop_all
    (cd "$runner" && mvn -q -B compile)
    rm -rf "$base"; mkdir -p "$control"
    dist=$(ls -d "$runner"/target/distribution/elasticsearch-*)
    # Elasticsearch refuses to run as root (CI containers): run the nodes as an unprivileged user.
    as_user=()
    if [ "$(id -u)" = 0 ]; then
      id esrunner >/dev/null 2>&1 || useradd --system --no-create-home esrunner
      cp -r "$dist" "$base/distribution"
      dist="$base/distribution"
      chown -R esrunner "$base"
      as_user=(runuser -u esrunner --)
    fi
    nohup "${as_user[@]}" java -cp "$runner/target/classes" no.pasientforlop.esrunner.Launcher \
      "$dist" "$base" "$nodes" "$heap" "$http_port" "$transport_port" >"$base/launcher.log" 2>&1 &
    echo $! >"$base/launcher.pid"
    wait_for "$nodes"
    ;;
  stop)
    stop_all
    ;;
  stop-node)
    touch "$control/stop-node-${2:?node number}"
    sleep 2
    ;;
  start-node)
    touch "$control/start-node-${2:?node number}"
    ;;
  status)
    health 1 || { echo "Elasticsearch is not running"; exit 1; }
    echo
    ;;
  *)
    echo "usage: $0 start [NODES] | stop | stop-node N | start-node N | status" >&2
    exit 2
    ;;
esac
