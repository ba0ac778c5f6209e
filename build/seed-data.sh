#!/usr/bin/env bash
# Fills an AuthFlow database with bulk data, to check that no hot path slows as the tables grow:
# BENCH_USERS users (default 1,000,000) and BENCH_SESSIONS sessions (default 2,000,000), each session with
# its live refresh token and, for one session in four, the rotated token before it. One session in ten
# ended 40 days ago (revoked, with its tokens), so the retention purge has work to look at. Rows are made
# by INSERT ... SELECT generate_series inside PostgreSQL, not one request per row (about 2-4 minutes on 2 cores).
# The rows cannot be logged into (their password hashes are placeholders) and never collide with real ones.
#
#   build/seed-data.sh PORT [DATABASE]        (DATABASE defaults to authflow; the schema must be migrated)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build/lib/postgres.sh
source "$root/build/lib/postgres.sh"
port=${1:?usage: build/seed-data.sh PORT [DATABASE]}
database=${2:-authflow}
users=${BENCH_USERS:-1000000}
sessions=${BENCH_SESSIONS:-2000000}
bin=$(pg_bindir)

"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$database" -v ON_ERROR_STOP=1 -q \
  -v users="$users" -v sessions="$sessions" <<'SQL'
\timing on
-- Users: seed-N@bulk.invalid; the hash is a placeholder no password matches.
INSERT INTO users (id, username, email, normalized_email, password_hash, created_at, email_verified_at, last_login_at)
SELECT gen_random_uuid(), 'seed-' || n, 'seed-' || n || '@bulk.invalid', 'SEED-' || n || '@BULK.INVALID',
       '$2a$10$seedseedseedseedseedseuAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
       now() - interval '60 days', now() - interval '59 days', now() - interval '1 day'
FROM generate_series(1, :users) AS n;

-- Sessions: spread over the seeded users; one in ten ended 40 days ago.
CREATE TEMP TABLE seed_users AS
SELECT row_number() OVER () AS n, id FROM users WHERE normalized_email LIKE 'SEED-%';
CREATE INDEX ON seed_users (n);
ANALYZE seed_users;

INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, ip_address, user_agent, revoked_at, revocation_reason)
SELECT gen_random_uuid(), u.id, now() - interval '45 days', now() - (s % 1000) * interval '1 minute',
       now() + interval '20 days', '10.0.' || (s % 250) || '.' || (s % 200), 'seed-agent/1.0',
       CASE WHEN s % 10 = 0 THEN now() - interval '40 days' END,
       CASE WHEN s % 10 = 0 THEN 'Logout' END
FROM generate_series(1, :sessions) AS s
JOIN seed_users u ON u.n = 1 + (s % :users);

-- Refresh tokens: the live one of each session, and the rotated one before it for one session in four.
INSERT INTO refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at, revoked_at, revocation_reason)
SELECT gen_random_uuid(), s.user_id, s.id, encode(sha256(convert_to(s.id::text || 'live', 'UTF8')), 'hex'),
       s.last_used_at, now() + interval '7 days', s.revoked_at,
       CASE WHEN s.revoked_at IS NOT NULL THEN 'SessionEnded' END
FROM sessions s JOIN seed_users u ON u.id = s.user_id;

INSERT INTO refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at, revoked_at, revocation_reason, replaced_by_token_id, successor_salt)
SELECT gen_random_uuid(), t.user_id, t.session_id, encode(sha256(convert_to(t.session_id::text || 'rotated', 'UTF8')), 'hex'),
       t.created_at - interval '1 hour', t.expires_at - interval '1 hour', t.created_at, 'Rotated', t.id, 'seed-salt'
FROM refresh_tokens t
WHERE t.revocation_reason IS DISTINCT FROM 'Rotated' AND t.token_hash LIKE '%' AND get_byte(decode(t.token_hash, 'hex'), 0) % 4 = 0
  AND t.user_id IN (SELECT id FROM seed_users);

VACUUM ANALYZE users;
VACUUM ANALYZE sessions;
VACUUM ANALYZE refresh_tokens;
SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM sessions) AS sessions,
       (SELECT count(*) FROM refresh_tokens) AS refresh_tokens;
SQL
