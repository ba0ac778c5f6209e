#!/usr/bin/env bash
# EXPLAIN ANALYZE of every hot query, and of the retention purge, on the data in an AuthFlow database (fill it
# with build/seed-data.sh first). The statements are those EF Core and the repositories send, with values taken
# from the data; anything that writes runs inside a transaction that is rolled back.
#
#   build/explain-hot-queries.sh PORT [DATABASE]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"
# shellcheck source=build/lib/rotation-sql.sh
source "$root/build/lib/rotation-sql.sh"
port=${1:?usage: build/explain-hot-queries.sh PORT [DATABASE]}
database=${2:-authflow}
bin=$(pg_bindir)

rotation_file=$(mktemp)
trap 'rm -f "$rotation_file"' EXIT
rotation_prepare "$root" >"$rotation_file"

"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -v rotation_file="$rotation_file" -q <<'SQL'
\pset pager off
SELECT t.token_hash AS live_hash, t.id AS live_id, t.session_id AS live_session, t.user_id AS live_user
FROM refresh_tokens t WHERE t.revoked_at IS NULL ORDER BY t.created_at DESC LIMIT 1 \gset
SELECT normalized_email AS email FROM users WHERE id = :'live_user' \gset

\echo '--- refresh: the rotation, one statement (checks, revokes, inserts the successor, touches the session; rolled back)'
\i :rotation_file
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
EXECUTE rotate(:'live_hash', now(), '7 days', '00000000-0000-7000-8000-000000000001', 'x', repeat('0', 64), '7 days');
ROLLBACK;

\echo '--- refresh, when the statement rotated nothing: the chain read (token by hash, with session, user and successor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT t.*, s.*, u.*, n.* FROM refresh_tokens t
LEFT JOIN sessions s ON t.session_id = s.id
LEFT JOIN users u ON t.user_id = u.id
LEFT JOIN refresh_tokens n ON t.replaced_by_token_id = n.id
WHERE t.token_hash = :'live_hash' LIMIT 2;

\echo '--- profile: the user by primary key'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, username, email, created_at, email_verified_at IS NOT NULL FROM users WHERE id = :'live_user' LIMIT 1;

\echo '--- dashboard: the user with the count of its active sessions, one statement'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT u.id, u.username, u.email, u.created_at, u.email_verified_at IS NOT NULL, u.last_login_at,
       (SELECT count(*)::int FROM sessions s
        WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now() AND s.last_used_at > now() - interval '7 days')
FROM users u WHERE u.id = :'live_user' LIMIT 1;

\echo '--- login: the account by normalized email, and its failure count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM users WHERE normalized_email = :'email' LIMIT 2;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM login_failure_counts WHERE email_key = 'no-such-key' LIMIT 1;

\echo '--- revocation listener: sessions ended recently (loaded at start and on reconnect)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, revoked_at FROM sessions WHERE revoked_at > now() - interval '15 minutes';

\echo '--- retention purge: one batch of sessions ended more than 30 days ago, with their tokens by cascade (rolled back)'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM sessions WHERE id IN (
    SELECT s.id FROM sessions s
    WHERE s.revoked_at < now() - interval '30 days' OR s.expires_at < now() - interval '30 days'
       OR s.last_used_at < now() - interval '30 days' - interval '7 days'
    LIMIT 5000);
ROLLBACK;
SQL
