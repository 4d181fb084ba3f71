#!/usr/bin/env bash
# Brings up a local PostgreSQL for Sustain's PG store and its tests. Idempotent: safe to run again at any time.
#
#   scripts/pg-up.sh          install if absent, start the cluster, create the test database, print its URL
#   scripts/pg-up.sh stop     stop the cluster (used by the outage tests)
#   scripts/pg-up.sh start    start the cluster only (no install, no database setup)
#
# SUSTAIN_PG_CLUSTER (default main) and SUSTAIN_PG_PORT (default 5432) select the cluster; a missing cluster is
# created. The outage tests use their own cluster (sustain_outage on 5433), so stopping it never disturbs tests
# running against the main one.
#
# Needs root (or sudo) for apt-get and for pg_ctlcluster. Connections from 127.0.0.1 are trusted so the tests need
# no password; this is a throwaway local cluster, never a production setup.
set -euo pipefail

db="${SUSTAIN_PG_DB:-sustain_test}"
port="${SUSTAIN_PG_PORT:-5432}"
cluster="${SUSTAIN_PG_CLUSTER:-main}"

as_root() {
  if [[ "$(id -u)" == "0" ]]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

pg_version() {
  # The newest installed server major version (directories under /usr/lib/postgresql).
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1
}

ensure_installed() {
  if [[ -z "$(pg_version)" ]] || ! command -v pg_ctlcluster >/dev/null; then
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql
  fi
}

ensure_cluster() {
  local v="$1"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$v $cluster"; then
    as_root pg_createcluster "$v" "$cluster" --port "$port"
  fi
}

trust_localhost() {
  local v="$1" hba="/etc/postgresql/$1/$cluster/pg_hba.conf"
  if ! grep -q '^# sustain: trust loopback' "$hba"; then
    # pg_hba is first-match, so the trust lines go above the distribution's defaults.
    local tmp
    tmp="$(mktemp)"
    {
      echo '# sustain: trust loopback (local test cluster only)'
      echo 'host all all 127.0.0.1/32 trust'
      echo 'host all all ::1/128 trust'
      cat "$hba"
    } >"$tmp"
    as_root install -o postgres -g postgres -m 640 "$tmp" "$hba"
    rm -f "$tmp"
    if cluster_running "$v"; then as_root pg_ctlcluster --skip-systemctl-redirect "$v" "$cluster" reload; fi
  fi
}

cluster_running() {
  pg_lsclusters -h | awk -v v="$1" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online
}

start_cluster() {
  local v="$1"
  if ! cluster_running "$v"; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$v" "$cluster" start
  fi
  for _ in $(seq 1 50); do
    if as_postgres pg_isready -q -h 127.0.0.1 -p "$port"; then return 0; fi
    sleep 0.2
  done
  echo "pg-up: PostgreSQL $v/$cluster did not become ready on 127.0.0.1:$port" >&2
  exit 1
}

ensure_database() {
  if ! as_postgres psql -h 127.0.0.1 -p "$port" -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    as_postgres createdb -h 127.0.0.1 -p "$port" "$db"
  fi
}

cmd="${1:-up}"
case "$cmd" in
  up)
    ensure_installed
    v="$(pg_version)"
    ensure_cluster "$v"
    trust_localhost "$v"
    start_cluster "$v"
    ensure_database
    echo "postgresql://postgres@127.0.0.1:$port/$db"
    ;;
  start)
    start_cluster "$(pg_version)"
    ;;
  stop)
    v="$(pg_version)"
    if cluster_running "$v"; then as_root pg_ctlcluster --skip-systemctl-redirect "$v" "$cluster" stop -m fast; fi
    ;;
  *)
    echo "usage: $0 [up|start|stop]" >&2
    exit 2
    ;;
esac
