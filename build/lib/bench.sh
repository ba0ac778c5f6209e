#!/usr/bin/env bash
# Helpers shared by the benchmark scripts (build/bench*.sh). Sourced; the caller sets -euo pipefail.
#   bench_start_api [VAR=value...]  starts a throwaway PostgreSQL and the Release WebApi with those extra
#                                   settings; sets $api (base URL), $api_pid and $bench_data, and removes
#                                   everything on exit.
#   bench_start_second_api [VAR=value...]
#                                   starts another instance on the same database, keys and pepper with those
#                                   settings; sets $api2 and $api2_pid (stopped on exit too)
#   measure WRK-ARGS...             prints "rps p50_ms p99_ms non2xx app_cores pg_cores busy_cores" after an
#                                   unmeasured warm-up run: the last three are the CPU the application under load (the
#                                   API or the calibration app), PostgreSQL (all its processes) and the whole machine
#                                   used during the measured run, in cores
#   json_field NAME                 reads a string field from the JSON on stdin
#   bench_register NAME             registers NAME@example.com with $password
#   bench_login_body NAME           prints the login request of NAME@example.com
#   bench_sign_in                   registers the bench user and logs in; sets $password, $login_body, $access;
#                                   and signs in a second account once, for the protected reads: $reader_access
#   new_sessions [N]                logs in N times (default: once per wrk thread) and prints the refresh tokens
#   bench_start_calib SRC           builds a copy of the calibration app and starts it on the same PostgreSQL; sets $calib
#   mean_of MEASURE MEASURE         the field-by-field mean of two measure lines
#   measure_statuses WRK-ARGS...    "rps p50_ms p99_ms non2xx 200s/s 503-count app_cores pg_cores busy_cores" (with
#                                   build/bench/status.lua)
#   rss_mib / hwm_mib               the API process's resident memory now / at its peak
#   lifted_limits                   the settings that lift the per-IP and per-(email, IP) rate limits: every
#                                   benchmark request comes from one address, and the endpoints are measured,
#                                   not the limiter
# shellcheck source=build/lib/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

warmup=${BENCH_WARMUP:-8}
threads=2

bench_start_api() {
  command -v wrk >/dev/null || apt_install wrk
  bench_data=$(mktemp -d /tmp/authflow-bench-pg.XXXXXX)
  api_pid=""
  api2_pid=""
  trap bench_cleanup EXIT

  local api_port
  bench_pg_port=$(pg_free_port)
  # BENCH_PG_SETTINGS: server options for the bench cluster, e.g. "-c shared_buffers=1GB" (PostgreSQL's default is 128MB).
  pg_start "$bench_data" "$bench_pg_port" fast "${BENCH_PG_SETTINGS:-}"
  pg_ensure_database "$bench_pg_port" authflow_bench
  bench_kek=$(head -c 32 /dev/urandom | base64 -w0)
  bench_pepper=$(head -c 32 /dev/urandom | base64 -w0)
  pg_port=$bench_pg_port

  # A copy: a build in this tree while the benchmark runs (the test suite's) must not swap assemblies under the API.
  # BENCH_API_DIR: a published API to measure instead (e.g. a ReadyToRun publish), as it is.
  if [[ -n ${BENCH_API_DIR:-} ]]; then
    cp -r "$BENCH_API_DIR" "$bench_data/api"
  else
    dotnet build src/WebApi -c Release -v quiet -nologo >/dev/null
    cp -r src/WebApi/bin/Release/net10.0 "$bench_data/api"
  fi
  api_port=$(pg_free_port)
  api="http://127.0.0.1:$api_port"
  bench_run_api "$api" api.log "$@" &
  api_pid=$!
  bench_wait_ready "$api" api.log
}

bench_start_second_api() {
  local port
  port=$(pg_free_port)
  api2="http://127.0.0.1:$port"
  bench_run_api "$api2" api2.log "$@" &
  api2_pid=$!
  bench_wait_ready "$api2" api2.log
}

# bench_run_api URL LOGFILE [VAR=value...]: one Release WebApi on the bench database (run in the background).
bench_run_api() {
  local url=$1 log=$2
  shift 2
  exec env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__AuthFlow="Host=127.0.0.1;Port=$bench_pg_port;Database=authflow_bench;Username=postgres" \
    Jwt__KeyEncryptionKey="$bench_kek" \
    PasswordHashing__Pepper="$bench_pepper" \
    Database__MigrateOnStartup=true \
    Email__ResetUrl=http://127.0.0.1/reset-password Email__VerifyUrl=http://127.0.0.1/verify-email \
    Email__SinkFolder="$bench_data/mail" \
    Logging__LogLevel__Default=Warning \
    "$@" \
    bash -c 'cd "$1" && exec dotnet AuthFlow.WebApi.dll --urls "$0"' "$url" "$bench_data/api" >"$bench_data/$log" 2>&1
}

bench_wait_ready() {
  for _ in $(seq 1 60); do
    curl -fs "$1/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "$1/health/ready" >/dev/null || { cat "$bench_data/$2"; exit 1; }
}

bench_start_calib() {
  local src=$1 build=/tmp/authflow-bench-calib port
  # shared/ is read-only: build a copy (kept between runs while the source is unchanged).
  if [[ ! -f $build/out/calib.dll ]] || ! diff -rq --exclude=obj --exclude=bin "$src" "$build/src" >/dev/null 2>&1; then
    rm -rf "$build" && mkdir -p "$build" && cp -r "$src" "$build/src"
    dotnet publish "$build/src" -c Release -o "$build/out" -v quiet -nologo >/dev/null
  fi
  pg_ensure_database "$pg_port" calib
  port=$(pg_free_port)
  calib="http://127.0.0.1:$port"
  CALIB_DB="Host=127.0.0.1;Port=$pg_port;Database=calib;Username=postgres" ASPNETCORE_URLS=$calib \
    dotnet "$build/out/calib.dll" >"$bench_data/calib.log" 2>&1 &
  calib_pid=$!
  for _ in $(seq 1 60); do
    curl -fs "$calib/bare" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "$calib/bare" >/dev/null || { cat "$bench_data/calib.log"; exit 1; }
}

rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$api_pid/status"; }
hwm_mib() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$api_pid/status"; }

bench_cleanup() {
  [[ -n ${calib_pid:-} ]] && kill "$calib_pid" 2>/dev/null && wait "$calib_pid" 2>/dev/null
  [[ -n ${api2_pid:-} ]] && kill "$api2_pid" 2>/dev/null && wait "$api2_pid" 2>/dev/null
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  pg_stop "$bench_data"
  rm -rf "$bench_data"
}

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

lifted_limits=(RateLimiting__LoginPerIp__PermitLimit=1000000 RateLimiting__LoginPerAccountAndIp__PermitLimit=1000000
  RateLimiting__RefreshPerIp__PermitLimit=1000000 RateLimiting__RegisterPerIp__PermitLimit=1000000)

password="correct horse battery staple"

# bench_register NAME: registers NAME@example.com with $password.
bench_register() {
  curl -fs -X POST "$api/api/auth/register" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",\"password\":\"$password\"}" >/dev/null
}

# bench_login_body NAME: the login request of NAME@example.com.
bench_login_body() { echo "{\"email\":\"$1@example.com\",\"password\":\"$password\"}"; }

bench_sign_in() {
  bench_register bench
  login_body=$(bench_login_body bench)
  access=$(curl -fs -X POST "$api/api/auth/login" -H 'Content-Type: application/json' -d "$login_body" | json_field accessToken)
  # A second account for the protected reads, signed in once: the login and refresh scenarios give the bench account
  # thousands of sessions, which no real user has and which the dashboard's session count would read.
  bench_register reader
  reader_access=$(curl -fs -X POST "$api/api/auth/login" -H 'Content-Type: application/json' \
    -d "$(bench_login_body reader)" | json_field accessToken)
}

# Refresh tokens are URL-safe base64: no quoting needed.
# Three logins at a time: as many as even a gate of one permit and a queue of two admits.
new_sessions() {
  seq 1 "${1:-$threads}" | xargs -P 3 -I{} curl -fs -w '\n' -X POST "$api/api/auth/login" -H 'Content-Type: application/json' -d "$login_body" \
    | sed -n 's/.*"refreshToken":"\([^"]*\)".*/\1/p' | tr '\n' ' '
}

# CPU ticks used so far: by one process (with its reaped children), by a PostgreSQL cluster (the postmaster, its
# live backends, and the backends it has reaped), and by the whole machine (every state but idle and iowait).
proc_ticks() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}' || echo 0; }
pg_ticks() {
  local postmaster total=0 child
  postmaster=$(head -n1 "$bench_data/postmaster.pid")
  total=$(proc_ticks "$postmaster")
  for child in $(pgrep -P "$postmaster"); do total=$((total + $(proc_ticks "$child" || echo 0))); done
  echo "$total"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# The application's ticks are the API's and the calibration app's together: a scenario loads one of them, the other idles.
cpu_snapshot() {
  echo "$(date +%s.%N) $(($(proc_ticks "$api_pid") + $( [[ -n ${calib_pid:-} ]] && proc_ticks "$calib_pid" || echo 0))) $(pg_ticks) $(machine_ticks)"
}
# cpu_between "SNAPSHOT" "SNAPSHOT": "app_cores pg_cores busy_cores" over the interval.
cpu_between() {
  awk -v hz="$(getconf CLK_TCK)" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " "); t = y[1] - x[1]
    printf "%.2f %.2f %.2f", (y[2] - x[2]) / hz / t, (y[3] - x[3]) / hz / t, (y[4] - x[4]) / hz / t }'
}

# Prints "rps p50_ms p99_ms non2xx app_cores pg_cores busy_cores" for one wrk run, after an unmeasured warm-up run of the same
# scenario (the JIT's tiered compilation needs a few seconds of load to reach steady code).
# $warmup_args, when set, replaces the warm-up's arguments (for scenarios whose state a run consumes).
measure() {
  local out rps p50 p99 errors before after
  if [[ -n ${warmup_args:-} ]]; then
    # shellcheck disable=SC2086 # a list of wrk arguments
    wrk -t"$threads" ${warmup_args} >/dev/null 2>&1
  elif [[ $warmup -gt 0 ]]; then
    wrk -t"$threads" "${@/#-d*/-d${warmup}s}" >/dev/null 2>&1
  fi
  before=$(cpu_snapshot)
  out=$(wrk --latency -t"$threads" "$@" 2>&1)
  after=$(cpu_snapshot)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  [[ -n $rps ]] || { echo "wrk failed: $out" >&2; return 1; }
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0} $(cpu_between "$before" "$after")"
}

# Prints "rps p50_ms p99_ms non2xx ok_per_s n503" for a wrk run with build/bench/status.lua (after its warm-up).
measure_statuses() {
  local out rps p50 p99 errors ok n503 seconds before after
  if [[ $warmup -gt 0 ]]; then
    wrk -t"$threads" "${@/#-d*/-d${warmup}s}" >/dev/null 2>&1
  fi
  before=$(cpu_snapshot)
  out=$(wrk --latency -t"$threads" "$@" 2>&1)
  after=$(cpu_snapshot)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  ok=$(awk '$1 == "status" && $2 == 200 {print $3}' <<<"$out")
  n503=$(awk '$1 == "status" && $2 == 503 {print $3}' <<<"$out")
  seconds=$(awk '/requests in/ {v = $4; sub(/,$/, "", v); n = v + 0; if (v ~ /ms$/) n /= 1000; else if (v ~ /m$/) n *= 60; print n}' <<<"$out")
  [[ -n $rps ]] || { echo "wrk failed: $out" >&2; return 1; }
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0} $(awk -v a="${ok:-0}" -v s="$seconds" 'BEGIN { printf "%.2f", a / s }') ${n503:-0} $(cpu_between "$before" "$after")"
}

# mean_of "MEASURE" "MEASURE": the field-by-field mean of two measure lines (two runs of one scenario).
mean_of() {
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? " " : ""), (x[i] + y[i]) / 2; print "" }'
}

to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
