#!/usr/bin/env bash
# Several servers and a PostgreSQL hot standby on one machine, on loopback, from Debian packages:
#   - a primary cluster and a streaming standby of it (pg_createcluster, pg_basebackup -R), PostgreSQL 15 +
#     PostGIS, each on its own port, with role clearance and database clearance (demo data loaded);
#   - two servers (the jar) on two ports, each writing to the primary and reading from the standby
#     (DATABASE_URL, DATABASE_READ_URL);
#   - HAProxy in front, round robin over both, checking GET /health (config generated here).
#
#   scripts/topology.sh start      create what is missing and start everything
#   scripts/topology.sh databases  only the primary and the standby (the tests use this)
#   scripts/topology.sh status     what runs, and the standby's replay lag
#   scripts/topology.sh stop       stop HAProxy, the servers and both clusters (data kept)
#   scripts/topology.sh remove     stop, then drop both clusters and the generated files
#   scripts/topology.sh haproxy-config   print the HAProxy configuration (the benchmark uses this)
#
# Ports and names come from the environment (defaults below). Run as root: PostgreSQL itself runs
# as the postgres user (pg_ctlcluster switches), the servers and HAProxy as root's children.
# The Debian "clearance" cluster of scripts/db.sh (port 55432) is never touched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly PG_VERSION=15
readonly NAME=${TOPOLOGY_NAME:-cmtopo}
readonly PRIMARY=${NAME}_primary
readonly STANDBY=${NAME}_standby
readonly PRIMARY_PORT=${TOPOLOGY_PRIMARY_PORT:-55440}
readonly STANDBY_PORT=${TOPOLOGY_STANDBY_PORT:-55441}
readonly SERVER_PORTS=(${TOPOLOGY_SERVER_PORTS:-7081 7082})
readonly FRONT_PORT=${TOPOLOGY_FRONT_PORT:-7080}
readonly RUN_DIR=${TOPOLOGY_RUN_DIR:-/var/tmp/clearance-map-${NAME}}
readonly JAR=target/clearance-map.jar
readonly APP_ROLE=clearance
readonly APP_PASSWORD=clearance
readonly APP_DB=clearance
readonly REPLICATION_ROLE=replicator
readonly REPLICATION_PASSWORD=replicator

log() { printf 'topology.sh: %s\n' "$*"; }
die() { printf 'topology.sh: ERROR: %s\n' "$*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "run it as root (PostgreSQL clusters are made with pg_createcluster)"

as_postgres() { (cd / && runuser -u postgres -- "$@"); }
psql_on() { local port=$1; shift; as_postgres psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" "$@"; }
cluster_exists() { pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} $1"; }
cluster_online() { pg_lsclusters -h | awk -v n="$1" '$1 == "'"${PG_VERSION}"'" && $2 == n {print $4}' | grep -q '^online'; }

cluster_conf() {
  cat <<EOF
# Managed by scripts/topology.sh (Clearance Map); edits are overwritten.
listen_addresses = '127.0.0.1'
port = $1
max_connections = 100
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
wal_keep_size = 512MB
hot_standby = on
# the standby tells the primary which rows its reads still need (no query cancelled by a vacuum)
hot_standby_feedback = on
max_standby_streaming_delay = 30s
password_encryption = 'scram-sha-256'
EOF
}

make_cluster() { # name port
  pg_createcluster "$PG_VERSION" "$1" -p "$2" >/dev/null
  cluster_conf "$2" >"/etc/postgresql/${PG_VERSION}/$1/conf.d/50-clearance-map.conf"
}

start_databases() {
  if ! cluster_exists "$PRIMARY"; then
    log "creating primary cluster ${PRIMARY} on 127.0.0.1:${PRIMARY_PORT}"
    make_cluster "$PRIMARY" "$PRIMARY_PORT"
    pg_ctlcluster "$PG_VERSION" "$PRIMARY" start
    psql_on "$PRIMARY_PORT" -d postgres <<EOF
CREATE ROLE ${APP_ROLE} LOGIN CREATEDB NOSUPERUSER PASSWORD '${APP_PASSWORD}';
CREATE ROLE ${REPLICATION_ROLE} LOGIN REPLICATION PASSWORD '${REPLICATION_PASSWORD}';
CREATE DATABASE ${APP_DB} OWNER ${APP_ROLE};
EOF
    psql_on "$PRIMARY_PORT" -d "$APP_DB" <<<"CREATE EXTENSION IF NOT EXISTS postgis;"
  fi
  cluster_online "$PRIMARY" || pg_ctlcluster "$PG_VERSION" "$PRIMARY" start
  if ! cluster_exists "$STANDBY"; then
    log "creating standby cluster ${STANDBY} on 127.0.0.1:${STANDBY_PORT} (pg_basebackup of ${PRIMARY})"
    make_cluster "$STANDBY" "$STANDBY_PORT"
    local data=/var/lib/postgresql/${PG_VERSION}/${STANDBY}
    rm -rf "${data:?}"
    PGPASSWORD=$REPLICATION_PASSWORD as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" \
      -U "$REPLICATION_ROLE" -D "$data" -R -X stream -c fast
  fi
  cluster_online "$STANDBY" || pg_ctlcluster "$PG_VERSION" "$STANDBY" start
  # the standby answers once it has reached a consistent state
  for _ in $(seq 1 60); do
    [[ $(psql_on "$STANDBY_PORT" -d postgres -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null) == t ]] && break
    sleep 0.5
  done
  [[ $(psql_on "$STANDBY_PORT" -d postgres -Atc 'SELECT pg_is_in_recovery()') == t ]] \
    || die "standby ${STANDBY} does not answer as a standby"
  log "primary 127.0.0.1:${PRIMARY_PORT}, streaming standby 127.0.0.1:${STANDBY_PORT}: up"
}

server_env() { # port
  printf 'PORT=%s\nDATABASE_URL=jdbc:postgresql://127.0.0.1:%s/%s\nDATABASE_READ_URL=jdbc:postgresql://127.0.0.1:%s/%s\n' \
    "$1" "$PRIMARY_PORT" "$APP_DB" "$STANDBY_PORT" "$APP_DB"
}

haproxy_conf() {
  cat <<EOF
# Generated by scripts/topology.sh (Clearance Map).
global
    maxconn 4096
defaults
    mode http
    timeout connect 3s
    timeout client 60s
    timeout server 15m
    option httpchk GET /health
    http-check expect status 200
frontend clearance_map
    bind 127.0.0.1:${FRONT_PORT}
    default_backend servers
backend servers
    balance roundrobin
    http-reuse always
EOF
  local i=0
  for port in "${SERVER_PORTS[@]}"; do
    i=$((i + 1))
    printf '    server s%d 127.0.0.1:%s check inter 2s fall 2 rise 1\n' "$i" "$port"
  done
}

wait_http() { # url
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

start_all() {
  command -v haproxy >/dev/null || die "HAProxy is missing: apt-get install haproxy"
  [[ -f $JAR ]] || mvn -B -q -DskipTests package
  start_databases
  mkdir -p "$RUN_DIR"
  env $(server_env "${SERVER_PORTS[0]}" | xargs) java -jar "$JAR" demo >"$RUN_DIR/demo.log" 2>&1 \
    || die "loading the demo data failed: $RUN_DIR/demo.log"
  for port in "${SERVER_PORTS[@]}"; do
    if [[ -f $RUN_DIR/server-$port.pid ]] && kill -0 "$(cat "$RUN_DIR/server-$port.pid")" 2>/dev/null; then
      continue
    fi
    env $(server_env "$port" | xargs) nohup java -jar "$JAR" serve >"$RUN_DIR/server-$port.log" 2>&1 &
    echo $! >"$RUN_DIR/server-$port.pid"
  done
  for port in "${SERVER_PORTS[@]}"; do
    wait_http "http://127.0.0.1:$port/health" || die "server on port $port does not answer: $RUN_DIR/server-$port.log"
  done
  haproxy_conf >"$RUN_DIR/haproxy.cfg"
  haproxy -c -q -f "$RUN_DIR/haproxy.cfg"
  if [[ -f $RUN_DIR/haproxy.pid ]] && kill -0 "$(cat "$RUN_DIR/haproxy.pid")" 2>/dev/null; then
    kill -USR2 "$(cat "$RUN_DIR/haproxy.pid")" 2>/dev/null || true
  else
    haproxy -D -f "$RUN_DIR/haproxy.cfg" -p "$RUN_DIR/haproxy.pid"
  fi
  wait_http "http://127.0.0.1:${FRONT_PORT}/health" || die "HAProxy on ${FRONT_PORT} does not answer"
  log "HAProxy http://127.0.0.1:${FRONT_PORT} over servers ${SERVER_PORTS[*]}; logs in ${RUN_DIR}"
}

stop_pidfile() { # file
  if [[ -f $1 ]]; then
    local pid
    pid=$(cat "$1")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    fi
    rm -f "$1"
  fi
}

stop_all() {
  stop_pidfile "$RUN_DIR/haproxy.pid"
  for port in "${SERVER_PORTS[@]}"; do stop_pidfile "$RUN_DIR/server-$port.pid"; done
  for cluster in "$STANDBY" "$PRIMARY"; do
    if cluster_exists "$cluster" && cluster_online "$cluster"; then
      pg_ctlcluster "$PG_VERSION" "$cluster" stop -m fast
    fi
  done
  log "stopped"
}

status() {
  pg_lsclusters | awk -v p="$PRIMARY" -v s="$STANDBY" 'NR == 1 || $2 == p || $2 == s'
  if cluster_exists "$STANDBY" && cluster_online "$STANDBY"; then
    psql_on "$STANDBY_PORT" -d postgres -Atc "SELECT 'standby replay lag: ' ||
      pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) || ' bytes received not replayed, ' ||
      COALESCE(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric, 1)::text, '-') ||
      ' s since the last replayed commit (grows while nothing is written)'"
  fi
  for port in "${SERVER_PORTS[@]}" "$FRONT_PORT"; do
    printf 'http://127.0.0.1:%s/health  %s\n' "$port" "$(curl -sS -m 5 "http://127.0.0.1:$port/health" 2>&1 || true)"
  done
}

case "${1:-}" in
  start) start_all ;;
  databases) start_databases ;;
  status) status ;;
  haproxy-config) haproxy_conf ;;
  stop) stop_all ;;
  remove)
    stop_all
    for cluster in "$STANDBY" "$PRIMARY"; do
      if cluster_exists "$cluster"; then pg_dropcluster --stop "$PG_VERSION" "$cluster"; fi
    done
    rm -rf "$RUN_DIR"
    log "removed clusters ${PRIMARY} and ${STANDBY}"
    ;;
  *) die "usage: scripts/topology.sh start|databases|status|stop|remove|haproxy-config" ;;
esac
