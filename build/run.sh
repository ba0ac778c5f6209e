#!/usr/bin/env bash
# Runs AuthFlow on http://127.0.0.1:5080 against a local PostgreSQL that it provisions under .local/
# (or against $ConnectionStrings__AuthFlow when that is set). Extra arguments go to the WebApi.
# "build/run.sh users ..." or "build/run.sh keys ..." runs that command line with the same settings and exits.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

urls=${AUTHFLOW_URLS:-http://127.0.0.1:5080}
mkdir -p .local

if [[ -z ${ConnectionStrings__AuthFlow:-} ]]; then
  build/db.sh start
  export ConnectionStrings__AuthFlow="Host=127.0.0.1;Port=${AUTHFLOW_PG_PORT:-55432};Database=${AUTHFLOW_PG_DATABASE:-authflow};Username=postgres"
fi

# A development HS256 key (used only with Jwt__Algorithm=HS256), made once and kept out of git.
# Production supplies its own keys.
if [[ -z ${Jwt__SigningKey:-} ]]; then
  key_file=.local/jwt-signing-key
  if [[ ! -s $key_file ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 > "$key_file")
  fi
  Jwt__SigningKey=$(cat "$key_file")
  export Jwt__SigningKey
fi

# A development key-encryption key for the stored ES256 keys, made once and kept out of git likewise.
if [[ -z ${Jwt__KeyEncryptionKey:-} ]]; then
  kek_file=.local/jwt-key-encryption-key
  if [[ ! -s $kek_file ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 -w0 > "$kek_file")
  fi
  Jwt__KeyEncryptionKey=$(cat "$kek_file")
  export Jwt__KeyEncryptionKey
fi

# A development pepper for the password pre-hash, made the same way. Losing it invalidates every password hashed with it.
if [[ -z ${PasswordHashing__Pepper:-} ]]; then
  pepper_file=.local/password-pepper
  if [[ ! -s $pepper_file ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 -w0 > "$pepper_file")
  fi
  PasswordHashing__Pepper=$(cat "$pepper_file")
  export PasswordHashing__Pepper
fi

# Without an SMTP server, emails (password reset, verification) are written to .local/mail as .eml files.
if [[ -z ${Email__Smtp__Host:-} ]]; then
  export Email__SinkFolder=${Email__SinkFolder:-$root/.local/mail}
  mail_target="$Email__SinkFolder (development sink: one .eml file per email)"
else
  mail_target="SMTP $Email__Smtp__Host:${Email__Smtp__Port:-587}"
fi

# Email links open the service's own pages (/account/...) unless a front end of your own is named.
export Email__ResetUrl=${Email__ResetUrl:-${urls%%;*}/account/reset-password}
export Email__VerifyUrl=${Email__VerifyUrl:-${urls%%;*}/account/verify-email}

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# The command lines (users grant-role|revoke-role|list, keys rotate|list) use the same settings, then exit.
if [[ ${1:-} == users || ${1:-} == keys ]]; then
  exec dotnet run --project src/WebApi/AuthFlow.WebApi.csproj -c Release --no-launch-profile -- "$@"
fi

# Passkeys are bound to localhost in Development (an IP address cannot be a relying-party id), so the pages run their
# ceremonies on http://localhost:<port>, whatever port AUTHFLOW_URLS names; that origin is the first one allowed.
first_url=${urls%%;*}
if [[ -z ${Passkeys__Origins__0:-} ]]; then
  port=${first_url##*:}
  export Passkeys__Origins__0="${first_url%%://*}://localhost:${port%%/*}"
fi

echo "AuthFlow API:    $urls"
echo "OpenAPI:         $urls/openapi/v1.json"
echo "Interactive UI:  $urls/docs"
echo "Account pages:   $urls/account/sign-in  $urls/account/register  (passkeys: $Passkeys__Origins__0/account)"
echo "JWKS:            $urls/.well-known/jwks.json"
echo "Health:          $urls/health/live  $urls/health/ready"
echo "Email:           $mail_target"
echo "First admin:     build/run.sh users grant-role <email> admin   (after registering; also revoke-role, list)"
echo "                 elsewhere: dotnet AuthFlow.WebApi.dll users grant-role <email> admin, with the service's settings"
exec dotnet run --project src/WebApi/AuthFlow.WebApi.csproj -c Release --no-launch-profile -- --urls "$urls" "$@"
