using AuthFlow.Infrastructure.Sessions;

namespace AuthFlow.Infrastructure.Persistence.Sql;

/// <summary>
/// The raw SQL of the <c>FaultTolerance</c> migration, kept here so that it can be re-applied to a regenerated
/// migration: <see cref="CreateSessionDeletionLog"/> and <see cref="RekeyNonAsciiEmails"/> at the end of <c>Up</c>
/// (after the <c>Sessions</c> trigger exists), <see cref="DropSessionDeletionLog"/> first thing in <c>Down</c>.
/// </summary>
public static class FaultToleranceMigrationSql
{
    /// <summary>
    /// Emails used to be keyed by their lower case alone; they are now keyed by NFKC and case folding
    /// (<c>User.NormalizeEmail</c>). For an ASCII address the two keys are the same, so only addresses with other
    /// characters are re-keyed, with PostgreSQL's <c>lower(normalize(email, NFKC))</c>, the same key for every address
    /// seen in practice. When two existing accounts would now share a key (look-alikes registered before this rule),
    /// the older account takes the new key and the newer keeps its old one: both can still sign in, no data is lost,
    /// and no new look-alike can be registered.
    /// </summary>
    public const string RekeyNonAsciiEmails = """
        UPDATE users u SET normalized_email = k.new_key
        FROM (
            SELECT DISTINCT ON (new_key) id, new_key
            FROM (
                SELECT id, created_at, lower(normalize(btrim(email), NFKC)) AS new_key
                FROM users
                WHERE email ~ '[^\x01-\x7F]'
            ) candidates
            ORDER BY new_key, created_at, id
        ) k
        WHERE u.id = k.id
          AND u.normalized_email <> k.new_key
          AND NOT EXISTS (SELECT 1 FROM users o WHERE o.normalized_email = k.new_key);
        """;

    public const string SessionDeletionsTable = "session_deletions";

    /// <summary>The trigger function this migration installs (a live session deleted is logged and announced).</summary>
    public const string NotifyWithDeletionLog = $$"""
        CREATE OR REPLACE FUNCTION authflow_notify_session_revoked() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.revoked_at IS NULL THEN
                    INSERT INTO {{SessionDeletionsTable}} (session_id) VALUES (OLD.id) ON CONFLICT (session_id) DO NOTHING;
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

    /// <summary>
    /// A live session that is deleted (with its user, by cascade) leaves a row in <c>session_deletions</c> besides its
    /// notification, so that an instance whose listener was disconnected at that moment still learns of it when it
    /// reloads. The retention purge removes the rows once no access token of the session can be valid.
    /// </summary>
    public const string CreateSessionDeletionLog = $$"""
        CREATE TABLE {{SessionDeletionsTable}} (
            session_id uuid PRIMARY KEY,
            deleted_at timestamp with time zone NOT NULL DEFAULT now()
        );
        CREATE INDEX ix_session_deletions_deleted_at ON {{SessionDeletionsTable}} (deleted_at);

        {{NotifyWithDeletionLog}}
        """;

    /// <summary>Puts back the function of the <c>Sessions</c> migration and drops the log.</summary>
    public const string DropSessionDeletionLog = $$"""
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
        DROP TABLE IF EXISTS {{SessionDeletionsTable}};
        """;

    /// <summary>Deletion records older than the cutoff, for the retention purge.</summary>
    public const string PurgeSessionDeletions = $"DELETE FROM {SessionDeletionsTable} WHERE deleted_at < @cutoff";
}
