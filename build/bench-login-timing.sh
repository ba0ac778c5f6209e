#!/usr/bin/env bash
# Does login time tell whether an email has an account? In ONE run, alternately, it times N logins with an
# unknown email (a new one each time) and N with a known email and a wrong password, with curl, and prints
# the mean and median of each and their ratio (1.00 = indistinguishable). Usage: build/bench-login-timing.sh [N]
# (default 40; at most 90, under the raised LoginThrottling:FreeAttempts, so no answer is a 429).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
count=${1:-40}
(( count <= 90 )) || { echo "N must be at most 90" >&2; exit 2; }

bench_start_api LoginThrottling__FreeAttempts=100 "${lifted_limits[@]}"
bench_sign_in

# Prints "STATUS SECONDS" for one login.
login_time() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$api/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"not the password at all\"}"
}

login_time "warm-up@example.com" >/dev/null
: >"$bench_data/unknown.txt"
: >"$bench_data/wrong.txt"
for i in $(seq 1 "$count"); do
  login_time "nobody-$i@example.com" >>"$bench_data/unknown.txt"
  login_time "bench@example.com" >>"$bench_data/wrong.txt"
done

stats() { # mean and median in ms of the second column; fails on any status but 401
  awk '$1 != 401 { print "unexpected status " $1 > "/dev/stderr"; exit 1 } { print $2 * 1000 }' "$1" | sort -n |
    awk '{ v[NR] = $1; s += $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f", s / NR, m }'
}
read -r unknown_mean unknown_median <<<"$(stats "$bench_data/unknown.txt")"
read -r wrong_mean wrong_median <<<"$(stats "$bench_data/wrong.txt")"
echo "Login timing, bcrypt work factor 12, $count of each, alternating, all answered 401:"
printf '| case | mean ms | median ms |\n|---|---|---|\n'
printf '| unknown email | %s | %s |\n| known email, wrong password | %s | %s |\n' "$unknown_mean" "$unknown_median" "$wrong_mean" "$wrong_median"
printf '| ratio unknown / wrong | %s | %s |\n' \
  "$(awk -v a="$unknown_mean" -v b="$wrong_mean" 'BEGIN { printf "%.3f", a / b }')" \
  "$(awk -v a="$unknown_median" -v b="$wrong_median" 'BEGIN { printf "%.3f", a / b }')"
