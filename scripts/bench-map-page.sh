#!/usr/bin/env bash
# Map page benchmark (issue 6): headless Chromium opens each State Party of an M-sized synthetic
# dataset (the serving benchmark's) and moves the date; prints time to a ready page, one date step,
# and the page's layer and remaining-land requests beside PostGIS running the same queries.
#   scripts/bench-map-page.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/db.sh >/dev/null
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/postgres}"
export TEST_DATABASE_USER="${TEST_DATABASE_USER:-clearance}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-clearance}"
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-clearance_test_template}"

mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.clearancemap.web.MapPageBenchmark
