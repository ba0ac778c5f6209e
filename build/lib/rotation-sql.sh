#!/usr/bin/env bash
# The refresh rotation statement as the service sends it, read from its source (RefreshTokenRepository.RotateActiveSql),
# so that the scripts that explain it cannot drift from it. Sourced.
#   rotation_prepare ROOT   prints "PREPARE rotate(...) AS <the statement>;" for psql; its parameters are the token hash,
#                           now, the idle timeout, the successor's id, salt and hash, and the token lifetime
rotation_prepare() {
  echo "PREPARE rotate(character(64), timestamptz, interval, uuid, text, character(64), interval) AS"
  sed -n '/private const string RotateActiveSql = """/,/^        """;/p' \
    "$1/src/Infrastructure/Persistence/Repositories/RefreshTokenRepository.cs" | sed '1d;$d'
  echo ";"
}
