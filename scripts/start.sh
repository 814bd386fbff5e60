#!/usr/bin/env bash
# First README command: prepares the database (scripts/db.sh), builds the server, loads the demo
# dataset (idempotent) and serves http://127.0.0.1:7070 until stopped with Ctrl-C.
# Settings already in the environment win over the defaults below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/db.sh

export DATABASE_URL="${DATABASE_URL:-jdbc:postgresql://127.0.0.1:55432/clearance}"
export DATABASE_USER="${DATABASE_USER:-clearance}"
export DATABASE_PASSWORD="${DATABASE_PASSWORD:-clearance}"
export PORT="${PORT:-7070}"

echo "start.sh: building target/clearance-map.jar (mvn -B -DskipTests package)"
mvn -B -DskipTests package

echo "start.sh: loading the demo dataset into ${DATABASE_URL}"
java -jar target/clearance-map.jar demo

echo "start.sh: serving http://${HOST:-127.0.0.1}:${PORT} (Ctrl-C stops)"
exec java -jar target/clearance-map.jar
