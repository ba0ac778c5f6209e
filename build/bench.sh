#!/usr/bin/env bash
# Measures AuthFlow's endpoints against a baseline taken in the same run: GET /health/live, which runs
# the same Kestrel + middleware pipeline and does no auth work. Each scenario is reported as
# throughput and latency, and as a ratio to the baseline. Results go to stdout; docs/benchmarks.md
# records a run. Usage: build/bench.sh [seconds-per-scenario] (default 10).
# Needs wrk (installed from Debian's packages when missing). Everything runs on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/postgres.sh
source build/lib/postgres.sh
duration=${1:-10}
warmup=${BENCH_WARMUP:-8}
connections=${BENCH_CONNECTIONS:-16}
threads=2

command -v wrk >/dev/null || apt_install wrk

data=$(mktemp -d /tmp/authflow-bench-pg.XXXXXX)
api_pid=""
cleanup() {
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  pg_stop "$data"
  rm -rf "$data"
}
trap cleanup EXIT

pg_port=$(pg_free_port)
pg_start "$data" "$pg_port" fast
pg_ensure_database "$pg_port" authflow_bench

dotnet build src/WebApi -c Release -v quiet -nologo >/dev/null
api_port=$(pg_free_port)
api="http://127.0.0.1:$api_port"
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__AuthFlow="Host=127.0.0.1;Port=$pg_port;Database=authflow_bench;Username=postgres;Maximum Pool Size=50" \
Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)" \
PasswordHashing__Pepper="$(head -c 32 /dev/urandom | base64 -w0)" \
RateLimiting__LoginPerIp__PermitLimit=1000000 RateLimiting__LoginPerAccountAndIp__PermitLimit=1000000 \
RateLimiting__RefreshPerIp__PermitLimit=1000000 \
Database__MigrateOnStartup=true \
Logging__LogLevel__Default=Warning \
  bash -c 'cd src/WebApi/bin/Release/net10.0 && exec dotnet AuthFlow.WebApi.dll --urls "$0"' "$api" >"$data/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  curl -fs "$api/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$api/health/ready" >/dev/null || { cat "$data/api.log"; exit 1; }

password="correct horse battery staple"
curl -fs -X POST "$api/api/auth/register" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"email\":\"bench@example.com\",\"password\":\"$password\"}" >/dev/null
login_body="{\"email\":\"bench@example.com\",\"password\":\"$password\"}"
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
access=$(curl -fs -X POST "$api/api/auth/login" -H 'Content-Type: application/json' -d "$login_body" | json_field accessToken)
# Logs in once per wrk thread and prints the refresh tokens (URL-safe base64: no quoting needed).
new_sessions() {
  for _ in $(seq 1 $threads); do
    printf '%s ' "$(curl -fs -X POST "$api/api/auth/login" -H 'Content-Type: application/json' -d "$login_body" | json_field refreshToken)"
  done
}

# Prints "rps p50_ms p99_ms non2xx" for one wrk run, after an unmeasured warm-up run of the same
# scenario (the JIT's tiered compilation needs a few seconds of load to reach steady code).
measure() {
  local out rps p50 p99 errors
  if [[ -n ${warmup_args:-} ]]; then
    wrk -t"$threads" ${warmup_args} >/dev/null 2>&1
  else
    wrk -t"$threads" "${@/#-d*/-d${warmup}s}" >/dev/null 2>&1
  fi
  out=$(wrk --latency -t"$threads" "$@" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  [[ -n $rps ]] || { echo "wrk failed: $out" >&2; return 1; }
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0}"
}
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$api_pid/status"; }
hwm_kib() { awk '/VmHWM/ {print $2}' "/proc/$api_pid/status"; }

echo "AuthFlow benchmark: $(nproc) cores, ${duration}s per scenario, $threads wrk threads, $connections connections (refresh: 1 per thread; login: 4)"
echo "bcrypt work factor: 12 (the default); ${warmup}s unmeasured warm-up before each scenario; API, PostgreSQL and wrk share this machine"
base=($(measure -c"$connections" -d"${duration}s" "$api/health/live"))
base_rss=$(rss_kib)

declare -A results
results[profile]=$(measure -c"$connections" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/profile")
results[dashboard]=$(measure -c"$connections" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/dashboard")
# Each chain needs sessions of its own: a replayed refresh token would revoke its session.
warmup_args="-c$threads -d${warmup}s -s build/bench/refresh.lua $api -- $(new_sessions)"
# shellcheck disable=SC2046 # one word per session token
results[refresh]=$(measure -c"$threads" -d"${duration}s" -s build/bench/refresh.lua "$api" -- $(new_sessions))
unset warmup_args
results[login]=$(measure -c4 --timeout 30s -d"${duration}s" -s build/bench/post.lua "$api" -- "$login_body" /api/auth/login)

printf '\n| scenario | req/s | p50 ms | p99 ms | non-2xx | throughput vs baseline | p99 vs baseline |\n|---|---|---|---|---|---|---|\n'
printf '| GET /health/live (baseline) | %s | %s | %s | %s | 1.00 | 1.00 |\n' "${base[0]}" "${base[1]}" "${base[2]}" "${base[3]}"
for name in profile dashboard refresh login; do
  read -r rps p50 p99 errors <<<"${results[$name]}"
  label=$(case $name in profile) echo "GET /api/profile";; dashboard) echo "GET /api/dashboard";; refresh) echo "POST /api/auth/refresh (chained)";; login) echo "POST /api/auth/login";; esac)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$errors" \
    "$(awk -v a="$rps" -v b="${base[0]}" 'BEGIN { printf "%.3f", a / b }')" \
    "$(awk -v a="$p99" -v b="${base[2]}" 'BEGIN { printf "%.1f", a / b }')"
done
printf '\nMemory (API process RSS): %d MiB after the baseline, %d MiB now, peak %d MiB (ratio now/baseline %.2f)\n' \
  $((base_rss / 1024)) $(($(rss_kib) / 1024)) $(($(hwm_kib) / 1024)) "$(awk -v a="$(rss_kib)" -v b="$base_rss" 'BEGIN { print a / b }')"
