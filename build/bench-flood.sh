#!/usr/bin/env bash
# Shows that a login flood cannot starve the rest of the API. In ONE run it measures GET /api/profile and
# chained POST /api/auth/refresh at rest, then again while a wrk login flood (right password, so every
# request wants a bcrypt verification) saturates the hashing gate, and prints the p99 ratios and how the
# flood was answered (200 vs 503 busy). Usage: build/bench-flood.sh [seconds-per-scenario] (default 10).
# Env: BENCH_FLOOD_CONNECTIONS (default 64), BENCH_PROBE_CONNECTIONS (default 4), BENCH_WARMUP (default 8).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
duration=${1:-10}
flood_connections=${BENCH_FLOOD_CONNECTIONS:-64}
probe=${BENCH_PROBE_CONNECTIONS:-4}

bench_start_api "${lifted_limits[@]}"
bench_sign_in

# Profile and refresh, each as "rps p50 p99 non2xx". Each refresh chain needs sessions of its own (a replayed
# token would revoke its session), made before the flood: during it, a login may well be answered 503.
# Usage: probe_both "WARM-UP SESSIONS" "MEASURED SESSIONS"
probe_both() {
  measure -c"$probe" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/profile"
  warmup_args="-c$threads -d${warmup}s -s build/bench/refresh.lua $api -- $1"
  # shellcheck disable=SC2086 # one word per session token
  measure -c"$threads" -d"${duration}s" -s build/bench/refresh.lua "$api" -- $2
  unset warmup_args
}

echo "AuthFlow flood benchmark: $(nproc) cores, bcrypt work factor 12, gate defaults (one hash per core but one, a queue of twice that)"
echo "${duration}s per measurement after ${warmup}s warm-up; probes: $probe connections (refresh: $threads chains); flood: $flood_connections connections"
flood_warmup_sessions=$(new_sessions)
flood_sessions=$(new_sessions)
mapfile -t rest < <(probe_both "$(new_sessions)" "$(new_sessions)")

flood_seconds=$(( 2 * (warmup + duration) + 10 ))
wrk -t"$threads" -c"$flood_connections" -d"${flood_seconds}s" --timeout 30s --latency \
  -s build/bench/status.lua "$api" -- "$login_body" /api/auth/login >"$bench_data/flood.txt" 2>&1 &
flood_pid=$!
sleep 3
mapfile -t flood < <(probe_both "$flood_warmup_sessions" "$flood_sessions")
wait "$flood_pid"

read -r rest_profile_rps _ rest_profile_p99 _ <<<"${rest[0]}"
read -r rest_refresh_rps _ rest_refresh_p99 _ <<<"${rest[1]}"
read -r flood_profile_rps _ flood_profile_p99 profile_errors <<<"${flood[0]}"
read -r flood_refresh_rps _ flood_refresh_p99 refresh_errors <<<"${flood[1]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

printf '\n| scenario | req/s at rest | p99 ms at rest | req/s under flood | p99 ms under flood | non-2xx under flood | p99 flood/rest |\n|---|---|---|---|---|---|---|\n'
printf '| GET /api/profile | %s | %s | %s | %s | %s | %s |\n' "$rest_profile_rps" "$rest_profile_p99" "$flood_profile_rps" "$flood_profile_p99" "$profile_errors" "$(ratio "$flood_profile_p99" "$rest_profile_p99")"
printf '| POST /api/auth/refresh (chained) | %s | %s | %s | %s | %s | %s |\n' "$rest_refresh_rps" "$rest_refresh_p99" "$flood_refresh_rps" "$flood_refresh_p99" "$refresh_errors" "$(ratio "$flood_refresh_p99" "$rest_refresh_p99")"

ok=$(awk '$1 == "status" && $2 == 200 {print $3}' "$bench_data/flood.txt")
busy=$(awk '$1 == "status" && $2 == 503 {print $3}' "$bench_data/flood.txt")
other=$(awk '$1 == "status" && $2 != 200 && $2 != 503 {n += $3} END {print n + 0}' "$bench_data/flood.txt")
printf '\nLogin flood (%ss, %s connections): %s req/s; %s answered 200, %s answered 503 busy, %s other; latency p50 %s ms, p99 %s ms\n' \
  "$flood_seconds" "$flood_connections" "$(awk '/Requests\/sec/ {print $2}' "$bench_data/flood.txt")" "${ok:-0}" "${busy:-0}" "$other" \
  "$(to_ms "$(awk '$1 == "50%" {print $2}' "$bench_data/flood.txt")")" "$(to_ms "$(awk '$1 == "99%" {print $2}' "$bench_data/flood.txt")")"
