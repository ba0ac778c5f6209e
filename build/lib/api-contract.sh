#!/usr/bin/env bash
# The API-contract checks (issue 14), sourced by build/test.sh. Each check runs against a live server started
# with build/run.sh on the test cluster, and counts into api_contract_passed / api_contract_failed:
#   spectral      the served OpenAPI document passes Spectral's spectral:oas ruleset (.spectral.yaml) with
#                 0 errors and 0 warnings;
#   typescript    clients/typescript: types generated from the live document, compiled by tsc (strict), and the
#                 example drives register, login, profile, refresh, sessions and logout;
#   csharp        clients/csharp: the Kiota client generated from the live document (local dotnet tool), built
#                 with warnings as errors, and the same flow;
#   readme        every runnable shell block of README.md, in order, against a fresh server (build/readme-check.sh).
# Tools come from pinned lock files: build/spectral/package-lock.json, clients/typescript/package-lock.json,
# dotnet-tools.json and Directory.Packages.props.

# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"

api_contract_passed=0
api_contract_failed=0
_api_contract_log() { echo "[api-contract] $*"; }

_api_contract_result() {
  local name=$1 status=$2
  if [[ $status -eq 0 ]]; then
    api_contract_passed=$((api_contract_passed + 1))
    _api_contract_log "$name: passed"
  else
    api_contract_failed=$((api_contract_failed + 1))
    _api_contract_log "$name: FAILED"
  fi
}

# Installs what the checks and the reference's browser test need, when missing (Debian packages).
api_contract_prerequisites() {
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  command -v chromium >/dev/null || missing+=(chromium)
  if [[ ${#missing[@]} -gt 0 ]]; then
    _api_contract_log "installing ${missing[*]}"
    # shellcheck source=build/lib/apt.sh
    source "$root/build/lib/apt.sh"
    apt_install "${missing[@]}" || _api_contract_log "could not install ${missing[*]}"
  fi
}

# _api_contract_npm DIR: installs exactly what DIR's package-lock.json pins.
_api_contract_npm() {
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

# api_contract_start_server PGPORT WORKDIR: build/run.sh on a free port against a fresh database; sets api_url.
api_contract_start_server() {
  local pgport=$1 work=$2 port
  port=$(pg_free_port) || return 1
  api_url="http://127.0.0.1:$port"
  pg_psql "$pgport" "drop database if exists authflow_contract" >/dev/null && pg_psql "$pgport" "create database authflow_contract" >/dev/null || return 1
  mkdir -p "$work/.local/mail"
  (
    export ConnectionStrings__AuthFlow="Host=127.0.0.1;Port=$pgport;Database=authflow_contract;Username=postgres"
    export AUTHFLOW_URLS=$api_url
    export Email__SinkFolder="$work/.local/mail"
    # The document names this public address in `servers` (Spectral wants one); without it there is none.
    export Jwt__PublicBaseUrl=$api_url
    export Jwt__KeyEncryptionKey Jwt__SigningKey PasswordHashing__Pepper
    Jwt__KeyEncryptionKey=$(head -c 32 /dev/urandom | base64 -w0)
    Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 -w0)
    PasswordHashing__Pepper=$(head -c 32 /dev/urandom | base64 -w0)
    exec "$root/build/run.sh" >"$work/server.log" 2>&1
  ) &
  api_server_pid=$!
  # build/run.sh builds before it starts (dotnet run): minutes on a busy two-core machine.
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$api_url/health/ready"; then
      return 0
    fi
    if ! kill -0 "$api_server_pid" 2>/dev/null; then break; fi
    sleep 1
  done
  _api_contract_log "the server did not become ready; its log:"
  tail -n 30 "$work/server.log"
  return 1
}

api_contract_stop_server() {
  [[ -n ${api_server_pid:-} ]] || return 0
  # build/run.sh execs dotnet run, which starts the WebApi as its child: stop both, by pid.
  pkill -TERM -P "$api_server_pid" 2>/dev/null
  kill -TERM "$api_server_pid" 2>/dev/null
  wait "$api_server_pid" 2>/dev/null
  api_server_pid=""
}

_api_contract_spectral() {
  _api_contract_npm "$root/build/spectral" || return 1
  curl -sf "$api_url/openapi/v1.json" -o "$1/openapi.json" || return 1
  local out
  out=$("$root/build/spectral/node_modules/.bin/spectral" lint --ruleset "$root/.spectral.yaml" --fail-severity=warn "$1/openapi.json" 2>&1)
  local status=$?
  echo "$out" | tail -n 20
  return $status
}

_api_contract_typescript() {
  local dir=$root/clients/typescript
  _api_contract_npm "$dir" || return 1
  (cd "$dir" && AUTHFLOW_API=$api_url npm run -s generate && npm run -s build && AUTHFLOW_API=$api_url npm run -s flow)
}

_api_contract_csharp() {
  local dir=$root/clients/csharp
  (cd "$root" && dotnet tool restore >/dev/null) || return 1
  curl -sf "$api_url/openapi/v1.json" -o "$1/openapi.json" || return 1
  (cd "$root" && KIOTA_TUTORIAL_ENABLED=false dotnet kiota generate -l CSharp -d "$1/openapi.json" -o "$dir/Generated" \
      -c AuthFlowApiClient -n AuthFlow.Client --exclude-backward-compatible --clean-output --log-level Error >/dev/null) || return 1
  dotnet build "$dir/AuthFlow.ClientExample.csproj" -c Release --nologo -v q >/dev/null || return 1
  AUTHFLOW_API=$api_url dotnet "$dir/bin/Release/net10.0/AuthFlow.ClientExample.dll"
}

# api_contract_checks PGPORT: runs every check; the counts land in api_contract_passed / api_contract_failed.
api_contract_checks() {
  local pgport=$1 work
  work=$(mktemp -d /tmp/authflow-api-contract.XXXXXX)
  if ! api_contract_start_server "$pgport" "$work"; then
    api_contract_stop_server
    for check in readme spectral typescript csharp; do _api_contract_result "$check" 1; done
    rm -rf "$work"
    return
  fi
  # The README first: its blocks expect a fresh server (the email block reads the first mail files).
  "$root/build/readme-check.sh" "$api_url" "$work"; _api_contract_result readme $?
  _api_contract_spectral "$work"; _api_contract_result spectral $?
  _api_contract_typescript; _api_contract_result typescript $?
  _api_contract_csharp "$work"; _api_contract_result csharp $?
  api_contract_stop_server
  rm -rf "$work"
}
