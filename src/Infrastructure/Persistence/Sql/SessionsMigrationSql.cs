using AuthFlow.Infrastructure.Sessions;

namespace AuthFlow.Infrastructure.Persistence.Sql;

/// <summary>
/// The raw SQL of the <c>Sessions</c> migration, kept here so that it can be re-applied to a regenerated migration:
/// call <see cref="BackfillFromRefreshTokens"/> after the <c>sessions</c> table is created and before the foreign key
/// from <c>refresh_tokens</c> is added, then <see cref="CreateRevocationTrigger"/>; <see cref="DropRevocationTrigger"/>
/// first thing in <c>Down</c>.
/// </summary>
public static class SessionsMigrationSql
{
    /// <summary>
    /// One session per session id already in <c>refresh_tokens</c>, so that existing logins keep working. A session
    /// without an unrevoked token is recorded as ended (<c>ReuseDetected</c> when any of its tokens was, otherwise
    /// <c>Logout</c>). Its absolute expiry is 30 days after the login (the default) or the expiry of its newest token,
    /// whichever is later, so the upgrade itself signs nobody out. Client address and user agent were never recorded.
    /// </summary>
    public const string BackfillFromRefreshTokens = """
        INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at, revocation_reason)
        SELECT t.session_id,
               t.user_id,
               min(t.created_at),
               max(t.created_at),
               greatest(min(t.created_at) + interval '30 days', max(t.expires_at)),
               CASE WHEN bool_and(t.revoked_at IS NOT NULL) THEN max(t.revoked_at) END,
               CASE WHEN bool_and(t.revoked_at IS NOT NULL) THEN
                   CASE WHEN bool_or(t.revocation_reason = 'ReuseDetected') THEN 'ReuseDetected' ELSE 'Logout' END
               END
        FROM refresh_tokens t
        GROUP BY t.session_id, t.user_id
        ON CONFLICT (id) DO NOTHING;
        """;

    /// <summary>
    /// Announces every ended session on <see cref="SessionRevocationListener.Channel"/> when its transaction commits:
    /// when <c>revoked_at</c> is first set, and when a live session is deleted (a deleted user's sessions go by cascade).
    /// </summary>
    public const string CreateRevocationTrigger = $$"""
        CREATE OR REPLACE FUNCTION authflow_notify_session_revoked() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.revoked_at IS NULL THEN
                    PERFORM pg_notify('{{SessionRevocationListener.Channel}}', OLD.id::text);
                END IF;
                RETURN OLD;
            END IF;
            IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
                PERFORM pg_notify('{{SessionRevocationListener.Channel}}', NEW.id::text);
            END IF;
            RETURN NEW;
        END
        $fn$;

        CREATE TRIGGER trg_sessions_notify_revoked
            AFTER UPDATE OF revoked_at OR DELETE ON sessions
            FOR EACH ROW EXECUTE FUNCTION authflow_notify_session_revoked();
        """;

    public const string DropRevocationTrigger = """
        DROP TRIGGER IF EXISTS trg_sessions_notify_revoked ON sessions;
        DROP FUNCTION IF EXISTS authflow_notify_session_revoked();
        """;
}
