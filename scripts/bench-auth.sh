#!/usr/bin/env bash
# Benchmark of token resolution: requests per second with wrk on loopback for /health (no token),
# GET /api/me with a token remembered by the server (AUTH_CACHE_SECONDS=30) and looked up in the
# database on every request (AUTH_CACHE_SECONDS=0). Uses a scratch database cloned from
# clearance_test_template (dropped at the end) and target/clearance-map.jar (built if missing).
#   scripts/bench-auth.sh [seconds per run, default 5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN="${1:-5}"
PORT="${BENCH_PORT:-17399}"
DB="bench_auth_$$"
export PGPASSWORD="${DATABASE_PASSWORD:-clearance}"
PSQL=(psql -h 127.0.0.1 -p 55432 -U "${DATABASE_USER:-clearance}" -d postgres -qAt)
[ -f target/clearance-map.jar ] || mvn -B -q -DskipTests package

export DATABASE_URL="jdbc:postgresql://127.0.0.1:55432/${DB}" LOG_LEVEL=warn PORT
"${PSQL[@]}" -c "CREATE DATABASE ${DB} TEMPLATE clearance_test_template"
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" || true
}
trap cleanup EXIT

TOKEN=$(java -jar target/clearance-map.jar token create --role analyst --name bench 2>/dev/null)

serve() {
  AUTH_CACHE_SECONDS="$1" java -jar target/clearance-map.jar serve >/dev/null 2>&1 &
  SERVER=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:${PORT}/health" >/dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}
run() {
  local label="$1"; shift
  wrk -t2 -c8 -d2s "$@" >/dev/null   # warm-up
  local rps
  rps=$(wrk -t2 -c8 -d"${SECONDS_PER_RUN}"s "$@" | awk '/Requests\/sec/ {print $2}')
  printf '%-48s %10s req/s\n' "$label" "$rps"
}

serve 30
run "GET /health (no token)" "http://127.0.0.1:${PORT}/health"
run "GET /api/me, token cached" -H "Authorization: Bearer ${TOKEN}" "http://127.0.0.1:${PORT}/api/me"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
serve 0
run "GET /api/me, token looked up every request" -H "Authorization: Bearer ${TOKEN}" "http://127.0.0.1:${PORT}/api/me"
