#!/usr/bin/env bash
# What the audit trail costs the hot paths: login and refresh throughput on two instances of the same build, on one
# database, in one run: one with Audit__Enabled=true (the default), one with Audit__Enabled=false. Each scenario runs
# on each instance twice, in the order on, off, off, on, so that drift of a loaded machine falls on both alike; the
# ratio on/off of the summed throughput is printed. Usage: build/bench-audit.sh [seconds-per-run] (default 10).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
duration=${1:-10}

bench_start_api "${lifted_limits[@]}" Audit__Enabled=true
bench_start_second_api "${lifted_limits[@]}" Audit__Enabled=false
audit_on=$api
audit_off=$api2
bench_sign_in

echo "Audit cost: $(nproc) cores, ${duration}s per run, ${warmup}s warm-up; login with 3 connections (the hashing gate's admission on 2 cores), refresh chained on $threads connections"
echo "Both instances share this machine, PostgreSQL and wrk; other work on the machine is not controlled"

login_run() { api=$1 measure -c3 --timeout 30s -d"${duration}s" -s build/bench/post.lua "$1" -- "$login_body" /api/auth/login; }
refresh_run() {
  local sessions
  api=$1
  sessions=$(new_sessions)
  # shellcheck disable=SC2086 # one word per session token
  warmup_args="-c$threads -d${warmup}s -s build/bench/refresh.lua $1 -- $(new_sessions)" \
    measure -c"$threads" -d"${duration}s" -s build/bench/refresh.lua "$1" -- $sessions
}

declare -A rps
for scenario in login refresh; do
  for instance in on off off on; do
    url=$([[ $instance == on ]] && echo "$audit_on" || echo "$audit_off")
    read -r r p50 p99 errors <<<"$("${scenario}_run" "$url")"
    echo "$scenario audit=$instance: $r req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $errors"
    rps[$scenario.$instance]=$(awk -v a="${rps[$scenario.$instance]:-0}" -v b="$r" 'BEGIN { print a + b }')
  done
done

printf '\n| scenario | audit on req/s (mean of 2) | audit off req/s (mean of 2) | on / off |\n|---|---|---|---|\n'
for scenario in login refresh; do
  on=${rps[$scenario.on]}
  off=${rps[$scenario.off]}
  printf '| %s | %.1f | %.1f | %.3f |\n' "$scenario" "$(awk -v a="$on" 'BEGIN { print a / 2 }')" \
    "$(awk -v a="$off" 'BEGIN { print a / 2 }')" "$(awk -v a="$on" -v b="$off" 'BEGIN { print a / b }')"
done
echo "audit events written by the audited instance: $("$(pg_bindir)/psql" -h 127.0.0.1 -p "$bench_pg_port" -U postgres -d authflow_bench -Atc 'select count(*) from audit_events' 2>/dev/null || echo '?')"
