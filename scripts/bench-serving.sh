#!/usr/bin/env bash
# Serving benchmark (issue 5): OGC API page of 1,000 features vs the raw PostGIS query, vector tiles
# vs the raw ST_AsMVT query, and a 30 s wrk run at 32 connections over z10-z14 tiles, on an M-sized
# synthetic dataset in a fresh database cloned from the test template (dropped afterwards).
#   scripts/bench-serving.sh            (BENCH_WRK_SECONDS=30 by default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/db.sh >/dev/null
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/postgres}"
export TEST_DATABASE_USER="${TEST_DATABASE_USER:-clearance}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-clearance}"
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-clearance_test_template}"
command -v wrk >/dev/null || { echo "bench-serving.sh: wrk is missing (Debian package wrk; scripts/db.sh installs it)" >&2; exit 1; }

mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.clearancemap.ogc.ServingBenchmark
