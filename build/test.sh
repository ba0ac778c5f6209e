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

# --- API contract (issue 14): Node, jq and Chromium for the checks below and the reference's browser test.
# shellcheck source=build/lib/api-contract.sh
source "$root/build/lib/api-contract.sh"
api_contract_prerequisites
# --- end API contract

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

# --- API contract (issue 14): Spectral, the generated clients and the README, against a live server.
# A run narrowed with arguments (--filter ...) skips them.
if [[ $# -eq 0 ]]; then
  api_contract_checks "$port"
  passed=$((passed + api_contract_passed))
  failed=$((failed + api_contract_failed))
fi
# --- end API contract

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  echo "dotnet test exited with $status (a build failure or a crashed test host)"
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 && $passed -gt 0 ]]
