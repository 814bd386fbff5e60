#!/usr/bin/env bash
# Second README command: prepares the database (scripts/db.sh), then runs every test with
# `mvn -B verify` against the real PostGIS on 127.0.0.1:55432. Extra arguments go to Maven, e.g.
#   scripts/test.sh -Dtest=AreaTest
# Exits with Maven's exit code. Settings already in the environment win over the defaults below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/db.sh

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/postgres}"
export TEST_DATABASE_USER="${TEST_DATABASE_USER:-clearance}"
export TEST_DATABASE_PASSWORD="${TEST_DATABASE_PASSWORD:-clearance}"
export TEST_DATABASE_TEMPLATE="${TEST_DATABASE_TEMPLATE:-clearance_test_template}"

echo "test.sh: mvn -B verify $* (tests clone ${TEST_DATABASE_TEMPLATE} via ${TEST_DATABASE_URL})"
exec mvn -B verify "$@"
