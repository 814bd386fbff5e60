#!/usr/bin/env bash
# Bootstraps what Clearance Map needs on a Debian 12 machine, idempotently:
#   - Debian packages: PostGIS for PostgreSQL 15, GDAL (ogr2ogr), and chromium, chromium-driver
#     and wrk for the tests;
#   - a private PostgreSQL 15 cluster "clearance" on 127.0.0.1:55432, data in
#     /var/lib/postgresql/15/clearance (started through pg_ctlcluster: PostgreSQL never runs as root);
#   - role clearance (password clearance, CREATEDB, not superuser), database clearance with PostGIS,
#     and database clearance_test_template with PostGIS, from which the tests clone one database
#     per test class.
# When everything is in place it changes nothing and takes well under a second. Run it as root (or
# with sudo) the first time; afterwards any user can run it. Never points PostgreSQL at files in the
# repository: SQL goes through stdin.
set -euo pipefail

readonly PG_VERSION=15
readonly CLUSTER=clearance
readonly PG_PORT=55432
readonly PG_HOST=127.0.0.1
readonly DATA_DIR=/var/lib/postgresql/${PG_VERSION}/${CLUSTER}
readonly CONF_DIR=/etc/postgresql/${PG_VERSION}/${CLUSTER}
readonly CONF_FILE=${CONF_DIR}/conf.d/50-clearance-map.conf
readonly HBA_FILE=${CONF_DIR}/pg_hba.conf
readonly APP_ROLE=clearance
readonly APP_PASSWORD=clearance
readonly APP_DB=clearance
readonly TEMPLATE_DB=clearance_test_template
readonly PACKAGES=("postgresql-${PG_VERSION}" "postgresql-client-${PG_VERSION}"
  "postgresql-${PG_VERSION}-postgis-3" gdal-bin chromium chromium-driver wrk)

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
readonly SELF

log() { printf 'db.sh: %s\n' "$*"; }
die() { printf 'db.sh: ERROR: %s\n' "$*" >&2; exit 1; }

# Stops with the exact command to run when a step needs root and we are not root.
need_root() {
  if [[ $EUID -ne 0 ]]; then
    printf 'db.sh: %s needs root. Run:\n\n    sudo %s\n\n' "$1" "$SELF" >&2
    exit 1
  fi
}

# The desired configuration, compared byte for byte with what is on disk.
desired_conf() {
  cat <<'EOF'
# Managed by scripts/db.sh (Clearance Map); edits are overwritten. Sized for 2 cores, 24 GiB.
listen_addresses = '127.0.0.1'
port = 55432
max_connections = 200
shared_buffers = 1GB
work_mem = 64MB
maintenance_work_mem = 512MB
effective_cache_size = 12GB
random_page_cost = 1.1
max_parallel_workers_per_gather = 1
max_parallel_workers = 2
max_wal_size = 2GB
fsync = on
synchronous_commit = on
full_page_writes = on
password_encryption = 'scram-sha-256'
EOF
}

desired_hba() {
  cat <<'EOF'
# Managed by scripts/db.sh (Clearance Map); edits are overwritten.
# Unix socket: operating-system user (postgres administers). TCP on 127.0.0.1: password (SCRAM).
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                peer
local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
EOF
}

# psql as the postgres superuser over the Unix socket (root only). cd / because the postgres user
# may not be allowed into the folder the repository was cloned into.
su_psql() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql \
    -p "$PG_PORT" "$@")
}
su_value() { su_psql -d "$1" -Atc "$2"; }

# psql as the application role over TCP, the way the server and the tests connect.
app_psql() {
  PGPASSWORD=$APP_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" \
    -p "$PG_PORT" -U "$APP_ROLE" "$@"
}

cluster_status() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }'
}

# Lists what is wrong, comma separated; empty when everything is in place. Reads only catalogs any
# role may read, so it also works for non-root users. Never connects to the template (a connection
# there would make a concurrent CREATE DATABASE ... TEMPLATE fail).
APP_CHECK_SQL="
SELECT concat_ws(', ',
  CASE WHEN NOT r.rolcreatedb THEN 'role ${APP_ROLE} lacks CREATEDB' END,
  CASE WHEN r.rolsuper THEN 'role ${APP_ROLE} is a superuser' END,
  CASE WHEN (SELECT datdba FROM pg_database WHERE datname = '${APP_DB}') <> r.oid
       THEN 'database ${APP_DB} not owned by ${APP_ROLE}' END,
  CASE WHEN NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')
       THEN 'postgis missing in ${APP_DB}' END,
  CASE WHEN NOT EXISTS (SELECT 1 FROM pg_database
                        WHERE datname = '${TEMPLATE_DB}' AND datistemplate AND datdba = r.oid)
       THEN 'database ${TEMPLATE_DB} missing, not a template or not owned by ${APP_ROLE}' END,
  CASE WHEN EXISTS (SELECT 1 FROM pg_settings WHERE pending_restart)
       THEN 'settings wait for a restart' END)
FROM pg_roles r WHERE r.rolname = current_user"

app_check() {
  local out
  if ! out=$(app_psql -d "$APP_DB" -Atc "$APP_CHECK_SQL" 2>&1); then
    printf 'cannot connect as %s to database %s (%s)' "$APP_ROLE" "$APP_DB" \
      "$(printf '%s' "$out" | head -n 1)"
    return 0
  fi
  printf '%s' "$out"
}

# --- 1. packages ---------------------------------------------------------------------------------
missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} > 0)); then
  if [[ $EUID -ne 0 ]]; then
    printf 'db.sh: missing Debian packages: %s. Run:\n\n    sudo apt-get update && sudo apt-get install -y %s\n\nthen run %s again.\n' \
      "${missing[*]}" "${missing[*]}" "$SELF" >&2
    exit 1
  fi
  log "installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
else
  log "packages present: ${PACKAGES[*]}"
fi

# --- 2. cluster ----------------------------------------------------------------------------------
status=$(cluster_status)
if [[ -z $status ]]; then
  need_root "creating cluster ${PG_VERSION}/${CLUSTER}"
  log "creating cluster ${PG_VERSION}/${CLUSTER} on port ${PG_PORT}, data in ${DATA_DIR}"
  pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PG_PORT" --datadir "$DATA_DIR" \
    --encoding UTF8 --locale C.UTF-8 -- --auth-local=peer --auth-host=scram-sha-256
  status=$(cluster_status)
fi

# --- 3. configuration ----------------------------------------------------------------------------
config_changed=false
ensure_file() { # path, content, description
  if [[ -r $1 ]] && [[ "$(cat "$1")" == "$2" ]]; then
    return 0
  fi
  need_root "writing $1"
  log "writing $3 to $1"
  printf '%s\n' "$2" | install -o postgres -g postgres -m 0644 /dev/stdin "$1"
  config_changed=true
}
ensure_file "$CONF_FILE" "$(desired_conf)" "server settings"
ensure_file "$HBA_FILE" "$(desired_hba)" "client authentication (pg_hba)"

# --- 4. running ----------------------------------------------------------------------------------
if [[ $status != online* ]]; then
  need_root "starting cluster ${PG_VERSION}/${CLUSTER} (now ${status})"
  log "starting cluster ${PG_VERSION}/${CLUSTER} (was ${status})"
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
elif $config_changed; then
  # listen_addresses, port, shared_buffers and max_connections only change on a restart.
  log "restarting cluster ${PG_VERSION}/${CLUSTER} to apply the configuration"
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" restart
else
  log "cluster ${PG_VERSION}/${CLUSTER} online at ${PG_HOST}:${PG_PORT}, data in ${DATA_DIR}"
fi

# --- 5. role and databases -----------------------------------------------------------------------
problems=$(app_check)
if [[ -z $problems ]]; then
  log "role ${APP_ROLE}, databases ${APP_DB} and ${TEMPLATE_DB} with PostGIS: in place"
  exit 0
fi
need_root "fixing the database ($problems)"
log "fixing: $problems"

if [[ $(su_value postgres "SELECT count(*) FROM pg_settings WHERE pending_restart") != 0 ]]; then
  log "restarting cluster ${PG_VERSION}/${CLUSTER} (some settings need it)"
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" restart
fi

role_attrs=$(su_value postgres \
  "SELECT concat(rolcanlogin::int, rolcreatedb::int, rolsuper::int) FROM pg_roles WHERE rolname = '${APP_ROLE}'")
if [[ -z $role_attrs ]]; then
  log "creating role ${APP_ROLE} (LOGIN CREATEDB, not superuser)"
  su_psql -d postgres <<<"CREATE ROLE ${APP_ROLE} LOGIN CREATEDB NOSUPERUSER PASSWORD '${APP_PASSWORD}';"
elif [[ $role_attrs != 110 ]]; then
  log "setting role ${APP_ROLE} to LOGIN CREATEDB NOSUPERUSER"
  su_psql -d postgres <<<"ALTER ROLE ${APP_ROLE} LOGIN CREATEDB NOSUPERUSER;"
fi
if ! app_psql -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
  log "setting the password of role ${APP_ROLE}"
  su_psql -d postgres <<<"ALTER ROLE ${APP_ROLE} PASSWORD '${APP_PASSWORD}';"
  app_psql -d postgres -Atc 'SELECT 1' >/dev/null || die "still cannot log in as ${APP_ROLE} over TCP"
fi

# db_owner NAME -> prints the database's owner, empty when there is no such database
db_owner() {
  su_value postgres "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$1'"
}
ensure_postgis() { # database
  if [[ $(su_value "$1" "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == 0 ]]; then
    log "creating extension postgis in database $1 (as postgres)"
    su_psql -d "$1" <<<"CREATE EXTENSION IF NOT EXISTS postgis;"
  fi
}
readonly CREATE_OPTS="OWNER ${APP_ROLE} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"

owner=$(db_owner "$APP_DB")
if [[ -z $owner ]]; then
  log "creating database ${APP_DB} owned by ${APP_ROLE}"
  su_psql -d postgres <<<"CREATE DATABASE ${APP_DB} ${CREATE_OPTS};"
elif [[ $owner != "$APP_ROLE" ]]; then
  log "giving database ${APP_DB} to ${APP_ROLE} (owner was ${owner})"
  su_psql -d postgres <<<"ALTER DATABASE ${APP_DB} OWNER TO ${APP_ROLE};"
fi
ensure_postgis "$APP_DB"

# The template is built under another name and renamed when complete, so that a database named
# clearance_test_template always has PostGIS, even after an interrupted run.
owner=$(db_owner "$TEMPLATE_DB")
if [[ -z $owner ]]; then
  build_db=${TEMPLATE_DB}_build
  if [[ -n $(db_owner "$build_db") ]]; then
    log "dropping ${build_db} left by an interrupted run"
    su_psql -d postgres <<<"DROP DATABASE ${build_db};"
  fi
  log "creating database ${TEMPLATE_DB} owned by ${APP_ROLE}, with PostGIS, flagged as a template"
  su_psql -d postgres <<<"CREATE DATABASE ${build_db} ${CREATE_OPTS};"
  ensure_postgis "$build_db"
  su_psql -d postgres <<<"ALTER DATABASE ${build_db} RENAME TO ${TEMPLATE_DB};"
else
  if [[ $owner != "$APP_ROLE" ]]; then
    log "giving database ${TEMPLATE_DB} to ${APP_ROLE} (owner was ${owner})"
    su_psql -d postgres <<<"ALTER DATABASE ${TEMPLATE_DB} OWNER TO ${APP_ROLE};"
  fi
  ensure_postgis "$TEMPLATE_DB"
fi
if [[ $(su_value postgres "SELECT datistemplate FROM pg_database WHERE datname = '${TEMPLATE_DB}'") != t ]]; then
  log "flagging ${TEMPLATE_DB} as a template"
  su_psql -d postgres <<<"ALTER DATABASE ${TEMPLATE_DB} IS_TEMPLATE true;"
fi

problems=$(app_check)
[[ -z $problems ]] || die "database still not right: $problems"
log "role ${APP_ROLE}, databases ${APP_DB} and ${TEMPLATE_DB} with PostGIS: ready at ${PG_HOST}:${PG_PORT}"
