#!/usr/bin/env bash
# Measures the cost of telemetry: GET /api/profile and chained POST /api/auth/refresh with every OpenTelemetry
# provider off (Telemetry__Enabled=false) and on (traces of every request, use case and query, all metrics, exported
# through OTLP/HTTP to a local sink every second, and the Prometheus endpoint enabled), in one run. The two
# configurations alternate, ROUNDS times each (default 2), so that drift in the machine's load hits both alike;
# each round starts a fresh PostgreSQL and API. Prints the mean of each and the ratio on/off (1.00 = no cost).
# Usage: build/bench-telemetry.sh [seconds-per-scenario] (default 10); BENCH_ROUNDS=N. Everything runs on 127.0.0.1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
duration=${1:-10}
rounds=${BENCH_ROUNDS:-2}
connections=${BENCH_CONNECTIONS:-16}
out=$(mktemp -d /tmp/authflow-bench-telemetry.XXXXXX)

# An OTLP/HTTP receiver that accepts and drops every export (an empty protobuf answer is a valid response).
sink_port=$(pg_free_port)
python3 - "$sink_port" <<'PY' >/dev/null 2>&1 &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
sink_pid=$!
trap 'kill "$sink_pid" 2>/dev/null; rm -rf "$out"' EXIT

telemetry_off=(Telemetry__Enabled=false)
telemetry_on=(Telemetry__Enabled=true Telemetry__Prometheus__Enabled=true
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_METRIC_EXPORT_INTERVAL=1000)

# One round in a subshell: its own PostgreSQL and API, removed when the subshell exits (bench_start_api's trap).
run_round() {
  local mode=$1
  shift
  (
    bench_start_api "${lifted_limits[@]}" "$@"
    bench_sign_in
    profile=$(measure -c"$connections" -d"${duration}s" -H "Authorization: Bearer $access" "$api/api/profile")
    warmup_args="-c$threads -d${warmup}s -s build/bench/refresh.lua $api -- $(new_sessions)"
    # shellcheck disable=SC2046 # one word per session token
    refresh=$(measure -c"$threads" -d"${duration}s" -s build/bench/refresh.lua "$api" -- $(new_sessions))
    echo "$mode profile $profile" >>"$out/results"
    echo "$mode refresh $refresh" >>"$out/results"
  )
}

echo "AuthFlow telemetry overhead: $(nproc) cores, ${duration}s per scenario, ${rounds} rounds of each configuration, alternating"
for round in $(seq 1 "$rounds"); do
  echo "round $round: telemetry off" >&2
  run_round off "${telemetry_off[@]}"
  echo "round $round: telemetry on" >&2
  run_round on "${telemetry_on[@]}"
done

printf '\n| scenario | telemetry off req/s | telemetry on req/s | on/off throughput | off p99 ms | on p99 ms |\n|---|---|---|---|---|---|\n'
for scenario in profile refresh; do
  awk -v s="$scenario" '
    $2 == s { n[$1]++; rps[$1] += $3; p99[$1] += $5 }
    END {
      label = (s == "profile") ? "GET /api/profile" : "POST /api/auth/refresh (chained)"
      printf "| %s | %.0f | %.0f | %.3f | %.2f | %.2f |\n", label, rps["off"] / n["off"], rps["on"] / n["on"],
        (rps["on"] / n["on"]) / (rps["off"] / n["off"]), p99["off"] / n["off"], p99["on"] / n["on"]
    }' "$out/results"
done
printf '\nEach round (mode scenario req/s p50 p99 non-2xx):\n'
cat "$out/results"
