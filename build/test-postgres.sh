#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suites, used by build/test.sh and, when AUTHFLOW_TEST_POSTGRES is not
# set, by the test fixture itself (so that a bare 'dotnet test' works too).
#   build/test-postgres.sh start   starts one on a free 127.0.0.1 port (installing Debian's package where missing)
#                                  and prints "PORT DATADIR" as its last line
#   build/test-postgres.sh stop DATADIR
#                                  stops it and removes its data directory
set -uo pipefail
# shellcheck source=build/lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

case ${1:-} in
  start)
    data=$(mktemp -d /tmp/authflow-test-pg.XXXXXX)
    port=$(pg_free_port) || { echo "no free port" >&2; rm -rf "$data"; exit 1; }
    if ! pg_start "$data" "$port" fast; then
      echo "could not start PostgreSQL" >&2
      rm -rf "$data"
      exit 1
    fi
    echo "$port $data"
    ;;
  stop)
    data=${2:?usage: build/test-postgres.sh stop DATADIR}
    [[ $data == /tmp/authflow-test-pg.* ]] || { echo "not a test cluster: $data" >&2; exit 1; }
    pg_stop "$data"
    rm -rf "$data"
    ;;
  *)
    echo "usage: build/test-postgres.sh start | stop DATADIR" >&2
    exit 2
    ;;
esac
