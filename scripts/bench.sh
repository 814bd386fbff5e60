#!/usr/bin/env bash
# Runs one benchmark; each measures our figures beside its peer's in the same run and prints both:
#   scripts/bench.sh                 lists the benchmarks
#   scripts/bench.sh NAME [SIZE]     SIZE: S, M (default) or L, the synthetic dataset of the demo
#                                    generator (100, 1,000, 10,000 hazards per State Party)
# Prepares the database (scripts/db.sh); every benchmark works in a fresh database cloned from the
# test template, dropped at the end. The benchmark classes are test classes (src/test/java/
# org/clearancemap/bench): they are not in the jar and the test suite never runs them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

list() {
  cat <<'LIST'
progress   area figures of every State Party, one date and a 15-year balance, and one State Party
           fresh after a 100-polygon upload, vs the same figures in PostGIS SQL
serving    OGC API pages and vector tiles over HTTP vs the raw PostGIS queries; wrk over tiles
upload     a GeoJSON, zipped File Geodatabase and Esri JSON upload over HTTP (S 1,000, M 10,000,
           L 100,000 polygons) vs ogr2ogr loading each file
map-page   headless Chromium opening each State Party and stepping the date, vs PostGIS
reports    the Article 7 report and the extension request figures in every format (html, csv, pdf,
           docx, xlsx) over HTTP, each beside JSON measured in the same rounds
auth       requests/s for /health and /api/me, token cached and looked up (no dataset; SIZE unused)
standby    wrk through HAProxy over two servers reading from a streaming standby vs one server on
           the primary (tiles, OGC items pages), and the replay lag after a 10,000-polygon upload
           (root: makes its own primary and standby with scripts/topology.sh)
LIST
}

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/bench.sh NAME [S|M|L]"
  list
  exit 0
fi
NAME="$1"
SIZE="${2:-M}"
# the heap a server of that size is given: L holds ten times the mapped land of M in its caches
HEAP=(-Xmx1g)
[ "$SIZE" = L ] && HEAP=(-Xmx4g)
case "$NAME" in
  progress) CLASS=ProgressBenchmark; HEAP=() ;;
  serving)  CLASS=ServingBenchmark; NEEDS=wrk ;;
  upload)   CLASS=UploadBenchmark; NEEDS=ogr2ogr ;;
  map-page) CLASS=MapPageBenchmark; NEEDS=chromium ;;
  reports)  CLASS=ReportBenchmark ;;
  auth)     CLASS=AuthBenchmark; NEEDS=wrk ;;
  standby)  CLASS=StandbyBenchmark; NEEDS=haproxy ;;
  *) echo "bench.sh: unknown benchmark '$NAME'; one of:" >&2; list >&2; exit 2 ;;
esac
case "$SIZE" in
  S|M|L) ;;
  *) echo "bench.sh: SIZE must be S, M or L (got '$SIZE')" >&2; exit 2 ;;
esac

bash scripts/db.sh >/dev/null
if [[ -n "${NEEDS:-}" ]] && ! command -v "$NEEDS" >/dev/null; then
  echo "bench.sh: $NAME needs $NEEDS (scripts/db.sh installs it)" >&2
  exit 1
fi
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/postgres}"
export TEST_DATABASE_USER="${TEST_DATABASE_USER:-clearance}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-clearance}"
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-clearance_test_template}"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
echo "bench.sh: $NAME$([[ $NAME == auth ]] || echo " at $SIZE"), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec java "${HEAP[@]}" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "org.clearancemap.bench.$CLASS" "$SIZE"
