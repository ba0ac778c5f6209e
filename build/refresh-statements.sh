#!/usr/bin/env bash
# What PostgreSQL does for each refresh under load: starts a throwaway PostgreSQL (with pg_stat_statements) and the
# Release API, loads POST /api/auth/refresh for 10 s at 32 connections (a pool of 48 sessions per wrk thread, each token
# sent once, as build/bench.sh does), then prints, per statement, its calls, mean execution and planning time (us,
# including waits for row locks), buffers, WAL records and bytes per call; the HOT share of the updates; and the plan
# of the rotation statement as prepared (generic), rolled back. Used for docs/benchmarks.md's second pass on issue 9.
#
#   build/refresh-statements.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=build/lib/bench.sh
source build/lib/bench.sh
# shellcheck source=build/lib/rotation-sql.sh
source build/lib/rotation-sql.sh
bench_start_api "${lifted_limits[@]}" PasswordHashing__WorkFactor=10
bench_sign_in

pg_psql "$bench_pg_port" "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
pg_as_owner "$(pg_bindir)/pg_ctl" -D "$bench_data" -m fast -w restart >/dev/null
psql_db() { "$(pg_bindir)/psql" -h 127.0.0.1 -p "$bench_pg_port" -U postgres -d authflow_bench -qtAc "$1"; }
psql_db "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
for _ in $(seq 1 20); do curl -fs "$api/health/ready" >/dev/null && break; sleep 1; done

# shellcheck disable=SC2046 # one word per session token
wrk -t2 -c32 -d10s -s build/bench/refresh-pool.lua "$api" -- 2 $(new_sessions 48) >/dev/null 2>&1
psql_db "SELECT pg_stat_statements_reset()" >/dev/null
psql_db "SELECT pg_stat_reset()" >/dev/null
# shellcheck disable=SC2046
wrk --latency -t2 -c32 -d10s -s build/bench/refresh-pool.lua "$api" -- 2 $(new_sessions 48) 2>&1 | grep -E "Requests/sec|99%|Non-2xx" || true

echo "calls | exec us | plan us | buffers | WAL records | WAL bytes | statement"
psql_db "SELECT calls, round(mean_exec_time::numeric * 1000), round(mean_plan_time::numeric * 1000),
                shared_blks_hit / greatest(calls, 1), wal_records / greatest(calls, 1), round(wal_bytes / greatest(calls, 1)),
                left(regexp_replace(query, '\s+', ' ', 'g'), 100)
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8"
echo "table | updates | of which HOT | inserts"
psql_db "SELECT relname, n_tup_upd, n_tup_hot_upd, n_tup_ins FROM pg_stat_user_tables WHERE relname IN ('refresh_tokens', 'sessions')"

hash=$(psql_db "SELECT token_hash FROM refresh_tokens WHERE revoked_at IS NULL ORDER BY created_at DESC LIMIT 1")
"$(pg_bindir)/psql" -h 127.0.0.1 -p "$bench_pg_port" -U postgres -d authflow_bench -q <<SQL
SET plan_cache_mode = force_generic_plan;
$(rotation_prepare "$root")
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE rotate('$hash', now(), '12 hours', gen_random_uuid(), 'salt', repeat('0', 64), '7 days');
ROLLBACK;
SQL
