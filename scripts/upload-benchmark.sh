#!/usr/bin/env bash
# Upload benchmark (issue 3): a 10,000-polygon GeoJSON (~10 MB) uploaded to the server over HTTP
# versus ogr2ogr loading the same file into the same PostGIS; prints both in features/s and the
# ratio. Not a test: it asserts nothing about time. Needs the local PostGIS (scripts/db.sh) and gdal-bin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/postgres}"
export TEST_DATABASE_USER="${TEST_DATABASE_USER:-clearance}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-clearance}"
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-clearance_test_template}"
mvn -B -q test -Dtest=UploadBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
grep '^benchmark:' target/surefire-reports/org.clearancemap.upload.UploadBenchmark-output.txt
# the server's own line for each measured upload (after the three warm-up uploads): its counts and time
grep -o "upload LAO hazards #.*" target/surefire-reports/org.clearancemap.upload.UploadBenchmark-output.txt | tail -n +4 | sed "s/^/benchmark: /"
