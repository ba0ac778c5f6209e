#!/usr/bin/env bash
# The local development database that build/run.sh uses: build/db.sh start|stop|status|psql
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"

port=${AUTHFLOW_PG_PORT:-55432}
database=${AUTHFLOW_PG_DATABASE:-authflow}

# The cluster lives in .local/postgres (git-ignored). When the repository sits where the 'postgres' user
# cannot reach (a root-only home), the cluster goes under /tmp and .local/postgres links to it.
datadir() {
  local dir=$root/.local/postgres
  mkdir -p "$root/.local"
  if [[ -L $dir ]]; then
    readlink -f "$dir"
    return
  fi
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]] && ! chown postgres:postgres "$dir" 2>/dev/null; then :; fi
  if pg_owner_can_use "$dir"; then
    echo "$dir"
  else
    rmdir "$dir" 2>/dev/null || true
    local tmp
    tmp=$(mktemp -d /tmp/authflow-dev-pg.XXXXXX)
    ln -sfn "$tmp" "$dir"
    echo "$tmp"
  fi
}

case "${1:-start}" in
  start)
    data=$(datadir)
    pg_start "$data" "$port"
    pg_ensure_database "$port" "$database"
    echo "PostgreSQL on 127.0.0.1:$port, database $database (data: $data)"
    ;;
  stop)
    pg_stop "$(datadir)"
    echo "PostgreSQL stopped"
    ;;
  status)
    bin=$(pg_bindir)
    pg_as_owner "$bin/pg_ctl" -D "$(datadir)" status
    ;;
  psql)
    bin=$(pg_bindir)
    exec "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$database"
    ;;
  *)
    echo "usage: build/db.sh start|stop|status|psql" >&2
    exit 2
    ;;
esac
