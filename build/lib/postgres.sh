#!/usr/bin/env bash
# Helpers to run a private PostgreSQL cluster on 127.0.0.1 for development and tests.
# Sourced by build/run.sh, build/test.sh and build/db.sh. Works as root (the server then runs
# as the 'postgres' user, since PostgreSQL refuses to run as root) and as an ordinary user.

# shellcheck source=build/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

pg_log() { echo "[postgres] $*" >&2; }

# Prints the bin directory of the newest installed PostgreSQL, installing Debian's package if none is.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $dir ]]; then
    pg_log "PostgreSQL binaries not found; installing Debian's postgresql package"
    apt_install postgresql
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [[ -n $dir ]] || { pg_log "no PostgreSQL binaries after install"; return 1; }
  echo "$dir"
}

# Runs a command as the cluster's owner: 'postgres' when we are root, else ourselves.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    # From /, since the caller's directory may be one that 'postgres' cannot enter (a root-only home).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# True when the cluster's owner can reach and write DIR (root-only homes such as /root are not reachable).
pg_owner_can_use() {
  local dir=$1
  [[ $(id -u) -ne 0 ]] && return 0
  id postgres >/dev/null 2>&1 || return 1
  (cd / && runuser -u postgres -- test -w "$dir" -a -x "$dir")
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    # Below Linux's ephemeral range (32768-60999): a port there can be taken by any outgoing connection (the API's
    # own connections to PostgreSQL) between this check and the bind.
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# pg_start DATADIR PORT [fast] [OPTIONS]: creates the cluster if needed and starts it on 127.0.0.1:PORT.
# 'fast' turns off durability (fsync), for throwaway test clusters only. OPTIONS: more server options ("-c name=value").
pg_start() {
  local data=$1 port=$2 mode=${3:-} extra=${4:-}
  local bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$data"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$data"; fi
  chmod 700 "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || { pg_log "initdb failed in $data"; return 1; }
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pg_log "already running ($data)"
    return 0
  fi
  local opts="-p $port -c listen_addresses=127.0.0.1 -k $data -c max_connections=200"
  if [[ $mode == fast ]]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  opts="$opts${extra:+ $extra}"
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null \
    || { pg_log "start failed; see $data/server.log"; tail -n 20 "$data/server.log" >&2; return 1; }
}

pg_stop() {
  local data=$1 bin
  bin=$(pg_bindir) || return 0
  [[ -f $data/PG_VERSION ]] || return 0
  pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_psql PORT SQL: runs SQL against the 'postgres' database of the cluster on PORT.
pg_psql() {
  local port=$1 sql=$2 bin
  bin=$(pg_bindir) || return 1
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$sql"
}

# pg_ensure_database PORT NAME
pg_ensure_database() {
  local port=$1 name=$2
  if [[ -z $(pg_psql "$port" "select 1 from pg_database where datname = '$name'") ]]; then
    pg_psql "$port" "create database \"$name\"" >/dev/null
  fi
}
