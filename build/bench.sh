#!/usr/bin/env bash
# Measures AuthFlow's endpoints against a baseline taken in the same run: GET /health/live, which runs
# the same Kestrel + middleware pipeline and does no auth work. Each scenario is reported as
# throughput and latency, and as a ratio to the baseline. Results go to stdout; docs/benchmarks.md
# records a run. Usage: build/bench.sh [seconds-per-scenario] (default 10).
# Needs wrk (installed from Debian's packages when missing). Everything runs on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
duration=${1:-10}
connections=${BENCH_CONNECTIONS:-16}

bench_start_api "${lifted_limits[@]}"
bench_sign_in

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$api_pid/status"; }
hwm_kib() { awk '/VmHWM/ {print $2}' "/proc/$api_pid/status"; }

echo "AuthFlow benchmark: $(nproc) cores, ${duration}s per scenario, $threads wrk threads, $connections connections (refresh: 1 per thread; login: 3, what the hashing gate admits on 2 cores: 1 hashing + 2 queued)"
echo "bcrypt work factor: 12 (the default); ${warmup}s unmeasured warm-up before each scenario; API, PostgreSQL and wrk share this machine"
base=($(measure -c"$connections" -d"${duration}s" "$api/health/live"))
base_rss=$(rss_kib)

declare -A results
# The public key set other services fetch: no authentication, no database (the key ring is in memory).
results[jwks]=$(measure -c"$connections" -d"${duration}s" "$api/.well-known/jwks.json")
results[profile]=$(measure -c"$connections" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/profile")
results[dashboard]=$(measure -c"$connections" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/dashboard")
# Each chain needs sessions of its own: a replayed refresh token would revoke its session.
warmup_args="-c$threads -d${warmup}s -s build/bench/refresh.lua $api -- $(new_sessions)"
# shellcheck disable=SC2046 # one word per session token
results[refresh]=$(measure -c"$threads" -d"${duration}s" -s build/bench/refresh.lua "$api" -- $(new_sessions))
unset warmup_args
results[login]=$(measure -c3 --timeout 30s -d"${duration}s" -s build/bench/post.lua "$api" -- "$login_body" /api/auth/login)

printf '\n| scenario | req/s | p50 ms | p99 ms | non-2xx | throughput vs baseline | p99 vs baseline |\n|---|---|---|---|---|---|---|\n'
printf '| GET /health/live (baseline) | %s | %s | %s | %s | 1.00 | 1.00 |\n' "${base[0]}" "${base[1]}" "${base[2]}" "${base[3]}"
for name in jwks profile dashboard refresh login; do
  read -r rps p50 p99 errors <<<"${results[$name]}"
  label=$(case $name in jwks) echo "GET /.well-known/jwks.json";; profile) echo "GET /api/profile";; dashboard) echo "GET /api/dashboard";; refresh) echo "POST /api/auth/refresh (chained)";; login) echo "POST /api/auth/login";; esac)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors" \
    "$(awk -v a="$rps" -v b="${base[0]}" 'BEGIN { printf "%.3f", a / b }')" \
    "$(awk -v a="$p99" -v b="${base[2]}" 'BEGIN { printf "%.1f", a / b }')"
done
printf '\nMemory (API process RSS): %d MiB after the baseline, %d MiB now, peak %d MiB (ratio now/baseline %.2f)\n' \
  $((base_rss / 1024)) $(($(rss_kib) / 1024)) $(($(hwm_kib) / 1024)) "$(awk -v a="$(rss_kib)" -v b="$base_rss" 'BEGIN { print a / b }')"
