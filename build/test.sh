#!/usr/bin/env bash
# Runs every test suite against a throwaway PostgreSQL cluster that it starts and removes.
# Ends with the line "N passed, N failed". Extra arguments go to 'dotnet test' (e.g. --filter).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

data=$(mktemp -d /tmp/authflow-test-pg.XXXXXX)
results=$(mktemp -d /tmp/authflow-test-results.XXXXXX)
cleanup() {
  pg_stop "$data"
  rm -rf "$data" "$results"
}
trap cleanup EXIT

port=$(pg_free_port) || { echo "no free port"; echo "0 passed, 0 failed"; exit 1; }
if ! pg_start "$data" "$port" fast; then
  echo "could not start PostgreSQL"
  echo "0 passed, 0 failed"
  exit 1
fi
echo "Test PostgreSQL on 127.0.0.1:$port"

# The integration suites create their own databases on this server and reset them with Respawn.
export AUTHFLOW_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"

# Browser tests (tests/WebApi.BrowserTests): Debian's Chromium and axe-core from npm (pinned in its package.json),
# installed here when missing. The tests never download a browser, and fail rather than skip without one.
if [[ ! -x ${AUTHFLOW_CHROMIUM:-/usr/bin/chromium} ]]; then
  # shellcheck source=build/lib/apt.sh
  source "$root/build/lib/apt.sh"
  apt_install chromium || echo "could not install chromium: the browser tests will fail"
fi
if [[ ! -f tests/WebApi.BrowserTests/node_modules/axe-core/axe.min.js ]]; then
  if ! command -v npm >/dev/null; then
    source "$root/build/lib/apt.sh"
    apt_install npm || echo "could not install npm: the browser tests will fail"
  fi
  (cd tests/WebApi.BrowserTests && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed: the browser tests will fail"
fi
# Screenshots of each page state land in $AUTHFLOW_TEST_ARTIFACTS/screenshots.
export AUTHFLOW_TEST_ARTIFACTS=${AUTHFLOW_TEST_ARTIFACTS:-$root/artifacts}

dotnet test AuthFlow.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  echo "dotnet test exited with $status (a build failure or a crashed test host)"
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 && $passed -gt 0 ]]
