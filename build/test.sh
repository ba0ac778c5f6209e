#!/usr/bin/env bash
# Runs every test suite against a throwaway PostgreSQL cluster that it starts and removes, then the checks that need
# no Docker engine (format, compose file, Dockerfile, CI workflow). Keeps TRX and JUnit results under
# artifacts/test-results/ and Cobertura coverage under artifacts/coverage/.
# Ends with the line "N passed, N failed" (a failed check counts as a failure). Extra arguments go to 'dotnet test'
# (e.g. --filter); with a filter the checks are skipped (set AUTHFLOW_CHECKS=1 to run them anyway).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
# shellcheck source=build/lib/test-artifacts.sh
source "$root/build/lib/test-artifacts.sh"
# shellcheck source=build/lib/checks.sh
source "$root/build/lib/checks.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The same script the test fixture uses when AUTHFLOW_TEST_POSTGRES is not set.
if ! started=$(build/test-postgres.sh start); then
  echo "could not start PostgreSQL"
  echo "0 passed, 0 failed"
  exit 1
fi
read -r port data <<<"$(tail -n 1 <<<"$started")"
trap 'build/test-postgres.sh stop "$data"' EXIT
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

# --- API contract (issue 14): Node, jq and Chromium for the checks below and the reference's browser test.
# shellcheck source=build/lib/api-contract.sh
source "$root/build/lib/api-contract.sh"
api_contract_prerequisites
# --- end API contract

artifacts_prepare "$root"
mapfile -t logger_args < <(test_logger_args)
dotnet test AuthFlow.sln -c Release "${logger_args[@]}" "$@"
status=$?

read -r passed failed <<<"$(trx_counts)"
coverage_report

checks_failed=0
if [[ $# -eq 0 || ${AUTHFLOW_CHECKS:-} == 1 ]]; then
  run_checks
fi

# --- API contract (issue 14): Spectral, the generated clients and the README, against a live server.
# A run narrowed with arguments (--filter ...) skips them, unless AUTHFLOW_CHECKS=1.
if [[ $# -eq 0 || ${AUTHFLOW_CHECKS:-} == 1 ]]; then
  api_contract_checks "$port"
  passed=$((passed + api_contract_passed))
  failed=$((failed + api_contract_failed))
fi
# --- end API contract

if [[ $status -ne 0 && $failed -eq 0 ]]; then
  echo "dotnet test exited with $status (a build failure or a crashed test host)"
fi
if [[ $checks_failed -gt 0 ]]; then
  echo "$checks_failed check(s) failed (see 'check ...: FAILED' above)"
fi
echo "$passed passed, $((failed + checks_failed)) failed"
[[ $status -eq 0 && $failed -eq 0 && $checks_failed -eq 0 && $passed -gt 0 ]]
