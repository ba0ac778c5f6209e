#!/usr/bin/env bash
# readme-check.sh API_URL WORKDIR: runs the shell blocks of README.md in order, in one bash session, as a newcomer
# pastes them after build/run.sh, and fails unless every request answers as the README says.
#   - Every ```bash block runs, except one right after a line "<!-- readme-check: skip (reason) -->".
#   - The blocks run in WORKDIR, whose .local/mail is the server's mail sink; http://127.0.0.1:5080 becomes API_URL.
#   - Each curl's HTTP status is recorded; the list must equal expected_statuses below, which follows the README's
#     own comments ("# 1. Register: 201" ...). Change both together.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
api_url=${1:?API_URL}
work=${2:?WORKDIR}

# Workflow: register, login, profile, dashboard, refresh, logout, refresh after logout (401);
# sessions: login twice, list twice, end the other session, log out the others;
# email flows: register bob, forgot-password, reset-password, verify-email.
expected_statuses="201 200 200 200 200 204 401 200 200 200 200 204 204 201 202 204 204"

script=$work/readme.sh
statuses=$work/readme-statuses
: >"$statuses"
{
  echo 'set -u'
  # Records each response's status; the README's own output flags (-s, -i, -o) are kept.
  echo "curl() { command curl -w '%{stderr}HTTP %{http_code}\n' \"\$@\" 2> >(tee -a '$statuses.raw' >&2); }"
  awk '
    /^<!-- readme-check: skip/ { skip = 1; next }
    /^```(bash|sh|shell)[[:space:]]*$/ { if (skip) { skipping = 1 } else { inblock = 1; n++; print "# --- README block " n }; skip = 0; next }
    /^```/ { inblock = 0; skipping = 0; next }
    inblock { print; next }
    NF { skip = 0 }
  ' "$root/README.md" | sed "s#http://127.0.0.1:5080#$api_url#g"
} >"$script"

(cd "$work" && bash "$script") >"$work/readme.out" 2>&1
status=$?
sleep 0.2
actual=$(grep -o '^HTTP [0-9]*' "$statuses.raw" 2>/dev/null | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ $//')
if [[ $status -ne 0 || $actual != "$expected_statuses" ]]; then
  echo "README blocks: exit $status"
  echo "  expected statuses: $expected_statuses"
  echo "  actual statuses:   $actual"
  echo "--- output"
  tail -n 60 "$work/readme.out"
  exit 1
fi
echo "README blocks: $(grep -c '^# --- README block' "$script") blocks, statuses as documented ($actual)"
