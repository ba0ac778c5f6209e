using AuthFlow.Infrastructure.Sessions;

namespace AuthFlow.Infrastructure.Persistence.Sql;

/// <summary>
/// The raw SQL of the <c>LiveSessionNotifications</c> migration (<see cref="NotifyLiveSessionsOnly"/> in <c>Up</c>,
/// <see cref="FaultToleranceMigrationSql.NotifyWithDeletionLog"/> in <c>Down</c>), kept here so that it can be
/// re-applied to a regenerated migration.
/// </summary>
public static class LiveSessionNotificationsMigrationSql
{
    /// <summary>
    /// A deleted session is logged and announced only while an access token of it can still be valid: unrevoked and
    /// used (a login or refresh issues access tokens) within the last two hours, twice the longest access-token
    /// lifetime that <c>Jwt:AccessTokenMinutes</c> allows (60). The retention purge deletes sessions that ended or went
    /// idle weeks ago; before this, each of them was announced to every instance and logged in
    /// <c>session_deletions</c>: 200,000 notifications for a purge of 200,000 sessions.
    /// </summary>
    public const string NotifyLiveSessionsOnly = $$"""
        CREATE OR REPLACE FUNCTION authflow_notify_session_revoked() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.revoked_at IS NULL AND OLD.last_used_at > now() - interval '2 hours' THEN
                    INSERT INTO {{FaultToleranceMigrationSql.SessionDeletionsTable}} (session_id) VALUES (OLD.id) ON CONFLICT (session_id) DO NOTHING;
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
        """;
}
