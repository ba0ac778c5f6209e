#!/usr/bin/env bash
# Where a hot path's time goes: starts the Release API (as build/bench.sh does), loads one route with wrk and
# samples the API's .NET stacks with dotnet-trace meanwhile, then prints the methods that were on the stack
# longest, inclusive and exclusive. The trace file is kept for PerfView or speedscope.
#
#   build/profile-hot-path.sh [profile|dashboard|refresh] [seconds]   (default: profile 15)
#
# Env: PROFILE_CONNECTIONS (64), PROFILE_TOP (40), PROFILE_OUT (directory for the .nettrace, artifacts/profile).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
route=${1:-profile}
seconds=${2:-15}
connections=${PROFILE_CONNECTIONS:-64}
top=${PROFILE_TOP:-40}
out=${PROFILE_OUT:-$root/artifacts/profile}
mkdir -p "$out"
dotnet tool restore >/dev/null

bench_start_api "${lifted_limits[@]}" PasswordHashing__WorkFactor=10
bench_sign_in
run_wrk() { # seconds
  if [[ $route == refresh ]]; then
    # shellcheck disable=SC2046 # one word per session token
    wrk -t"$threads" -c32 -d"${1}s" -s build/bench/refresh-pool.lua "$api" -- "$threads" $(new_sessions 48)
  else
    wrk -t"$threads" -c"$connections" -d"${1}s" -H "Authorization: Bearer $access" "$api/api/$route"
  fi
}
echo "[profile] warming $route for 15s" >&2
run_wrk 15 >/dev/null
pid=$(pgrep -f "AuthFlow.WebApi.dll --urls $api" | head -1)
trace="$out/$route-$(date -u +%Y%m%dT%H%M%S).nettrace"
run_wrk $((seconds + 4)) >"$out/$route-wrk.txt" &
wrk_pid=$!
sleep 2
dotnet dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$seconds" -o "$trace" >/dev/null
wait "$wrk_pid"
grep -E 'Requests/sec|Latency' "$out/$route-wrk.txt" >&2
echo "== inclusive (top $top): $trace"
dotnet dotnet-trace report "$trace" topN -n "$top" --inclusive
echo "== exclusive (top $top)"
dotnet dotnet-trace report "$trace" topN -n "$top"
