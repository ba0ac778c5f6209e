namespace AuthFlow.Infrastructure.Persistence.Sql;

/// <summary>
/// The raw SQL of the <c>RolesAndAudit</c> migration, kept here so that it can be re-applied to a regenerated migration:
/// call <see cref="CreateUsernamePrefixIndex"/> and <see cref="CreateAppendOnlyTriggers"/> at the end of <c>Up</c>, and
/// <see cref="DropAppendOnlyTriggers"/> and <see cref="DropUsernamePrefixIndex"/> first thing in <c>Down</c>.
/// </summary>
public static class RolesAndAuditMigrationSql
{
    /// <summary>
    /// The session setting through which the retention purge (and only it) deletes audit events: rows older than its
    /// value, a timestamp, may be deleted in that transaction.
    /// </summary>
    public const string PurgeBeforeSetting = "authflow.audit_purge_before";

    /// <summary>The admin search by username prefix: <c>lower(username) LIKE 'abc%'</c>.</summary>
    public const string CreateUsernamePrefixIndex = """
        CREATE INDEX ix_users_username_prefix ON users (lower(username) text_pattern_ops);
        """;

    public const string DropUsernamePrefixIndex = """
        DROP INDEX IF EXISTS ix_users_username_prefix;
        """;

    /// <summary>
    /// <c>audit_events</c> is append-only: UPDATE is always refused; DELETE only of rows older than
    /// <see cref="PurgeBeforeSetting"/> when the retention purge has set it for its transaction; TRUNCATE only when the
    /// setting is <c>infinity</c> (the test harness, between tests). The trigger stops the application and careless SQL;
    /// a database superuser can drop it, so production gives the service's login no right to ALTER the table (ADR 0013).
    /// </summary>
    public const string CreateAppendOnlyTriggers = $$"""
        CREATE OR REPLACE FUNCTION authflow_audit_events_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        DECLARE
            purge_before text := nullif(current_setting('{{PurgeBeforeSetting}}', true), '');
        BEGIN
            IF TG_OP = 'DELETE' AND purge_before IS NOT NULL AND OLD.occurred_at < purge_before::timestamptz THEN
                RETURN OLD;
            END IF;
            IF TG_OP = 'TRUNCATE' AND purge_before = 'infinity' THEN
                RETURN NULL;
            END IF;
            RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'Audit events are deleted only by the retention purge (Audit:RetentionDays).';
        END
        $fn$;

        CREATE TRIGGER trg_audit_events_append_only
            BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION authflow_audit_events_append_only();

        CREATE TRIGGER trg_audit_events_no_truncate
            BEFORE TRUNCATE ON audit_events
            FOR EACH STATEMENT EXECUTE FUNCTION authflow_audit_events_append_only();
        """;

    public const string DropAppendOnlyTriggers = """
        DROP TRIGGER IF EXISTS trg_audit_events_no_truncate ON audit_events;
        DROP TRIGGER IF EXISTS trg_audit_events_append_only ON audit_events;
        DROP FUNCTION IF EXISTS authflow_audit_events_append_only();
        """;
}
