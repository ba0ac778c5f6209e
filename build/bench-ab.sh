#!/usr/bin/env bash
# A/B of two API settings on one database, alternated: two Release APIs (A and B) run side by side on one PostgreSQL,
# and the scenario is measured on A, then B, for BENCH_ROUNDS rounds, so that the machine's drift between minutes falls
# on both alike (on these 2-core machines single runs minutes apart differ by about 15 %).
#
#   BENCH_B_SETTINGS="Database__MaxPoolSize=50" build/bench-ab.sh [refresh|profile]
#
# Settings (environment): BENCH_A_SETTINGS / BENCH_B_SETTINGS (VAR=value settings of each API, space-separated; A's
# default is none), BENCH_A_SQL / BENCH_B_SQL (SQL run on the database before each of that side's measurements, e.g.
# to drop an index for B and create it again for A; both sides then use API A), BENCH_ROUNDS (3), BENCH_DURATION (8),
# BENCH_WARMUP (8). Prints one line per measurement: "side round: req/s p50_ms p99_ms non2xx app_cores pg_cores
# busy_cores" (app_cores counts API A only), then the mean req/s of each side and B/A.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
scenario=${1:-refresh}
duration=${BENCH_DURATION:-8}
rounds=${BENCH_ROUNDS:-3}
[[ $scenario == refresh || $scenario == profile ]] || { echo "usage: $0 [refresh|profile]" >&2; exit 2; }

# shellcheck disable=SC2086 # VAR=value settings, space-separated
bench_start_api "${lifted_limits[@]}" PasswordHashing__WorkFactor=10 ${BENCH_A_SETTINGS:-}
bench_sign_in
api_a=$api
api_b=$api
if [[ -z ${BENCH_A_SQL:-}${BENCH_B_SQL:-} ]]; then
  # shellcheck disable=SC2086
  bench_start_second_api "${lifted_limits[@]}" PasswordHashing__WorkFactor=10 ${BENCH_B_SETTINGS:-}
  api_b=$api2
fi
psql_bench() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$bench_pg_port" -U postgres -d authflow_bench -v ON_ERROR_STOP=1 -qtAc "$1"; }

# sessions_on URL N: N refresh tokens from logins on the API at URL. A fresh instance has not timed a hash yet, and its
# hashing gate may turn one of three simultaneous logins away (503 busy): those are asked again.
sessions_on() {
  local target=$1 want=$2 tokens="" got=0
  for _ in 1 2 3 4 5; do
    tokens="$tokens $(api=$target new_sessions $((want - got)) || true)"
    got=$(wc -w <<<"$tokens")
    [[ $got -ge $want ]] && break
    sleep 1
  done
  [[ $got -ge $want ]] || { echo "only $got of $want logins succeeded on $target" >&2; return 1; }
  echo "$tokens"
}

# One scenario run against the API at $1 (after its unmeasured warm-up).
run() {
  local target=$1 token
  if [[ $scenario == profile ]]; then
    for _ in 1 2 3 4 5; do
      token=$(curl -fs -X POST "$target/api/auth/login" -H 'Content-Type: application/json' -d "$(bench_login_body reader)" | json_field accessToken || true)
      [[ -n $token ]] && break
      sleep 1
    done
    [[ -n $token ]] || { echo "no login succeeded on $target" >&2; return 1; }
    measure -c64 -d"${duration}s" -H "Authorization: Bearer $token" "$target/api/profile"
    return
  fi
  local warm measured
  warm=$(sessions_on "$target" 48)
  measured=$(sessions_on "$target" 48)
  warmup_args="-c32 -d${warmup}s -s build/bench/refresh-pool.lua $target -- $threads $warm"
  # shellcheck disable=SC2086 # one word per session token
  measure -c32 -d"${duration}s" -s build/bench/refresh-pool.lua "$target" -- "$threads" $measured
  unset warmup_args
}

# Each process warmed on the scenario first, unmeasured (tiered JIT).
for target in $(printf '%s\n' "$api_a" "$api_b" | sort -u); do
  run "$target" >/dev/null
done

echo "A/B $scenario, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(nproc) cores"
echo "A: ${BENCH_A_SETTINGS:-defaults}${BENCH_A_SQL:+; SQL: $BENCH_A_SQL}"
echo "B: ${BENCH_B_SETTINGS:-defaults}${BENCH_B_SQL:+; SQL: $BENCH_B_SQL}"
sum_a=0 sum_b=0
for round in $(seq 1 "$rounds"); do
  [[ -n ${BENCH_A_SQL:-} ]] && psql_bench "$BENCH_A_SQL" >/dev/null
  a=$(run "$api_a")
  echo "A $round: $a"
  [[ -n ${BENCH_B_SQL:-} ]] && psql_bench "$BENCH_B_SQL" >/dev/null
  b=$(run "$api_b")
  echo "B $round: $b"
  sum_a=$(awk -v s="$sum_a" -v x="${a%% *}" 'BEGIN { print s + x }')
  sum_b=$(awk -v s="$sum_b" -v x="${b%% *}" 'BEGIN { print s + x }')
done
awk -v a="$sum_a" -v b="$sum_b" -v n="$rounds" 'BEGIN { printf "mean req/s: A %.0f, B %.0f, B/A %.2f\n", a / n, b / n, b / a }'
