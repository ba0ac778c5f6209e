using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Infrastructure.Persistence.Retention;
using AuthFlow.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthFlow.Infrastructure.IntegrationTests.Audit;

/// <summary>The append-only <c>audit_events</c> table: its trigger, and the one deletion it allows (the retention purge).</summary>
public sealed class AuditEventsTableTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task Update_IsRefusedByTheTrigger()
    {
        await WriteAsync(AuditEventTypes.LoginFailed);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("update audit_events set type = 'login.succeeded'"));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(refused.MessageText, Does.Contain("append-only"));
        Assert.That(await Database.ScalarAsync<string>("select type from audit_events"), Is.EqualTo(AuditEventTypes.LoginFailed));
    }

    [Test]
    public async Task DeleteAndTruncate_AreRefusedByTheTrigger()
    {
        await WriteAsync(AuditEventTypes.LoginFailed);

        var deleted = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("delete from audit_events"));
        var truncated = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("truncate audit_events"));

        Assert.That(deleted!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(truncated!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from audit_events"), Is.EqualTo(1));
    }

    [Test]
    public async Task RetentionPurge_DeletesOnlyEventsOlderThanAuditRetentionDays_AndLeavesTheTableGuarded()
    {
        await WriteAsync(AuditEventTypes.LoginSucceeded, at: Now.AddDays(-400));
        await WriteAsync(AuditEventTypes.LoginSucceeded, at: Now.AddDays(-364));
        await WriteAsync(AuditEventTypes.LoginSucceeded, at: Now);

        int purged;
        await using (var scope = NewScope())
        {
            purged = await scope.ServiceProvider.GetRequiredService<DataRetention>().PurgeAuditEventsAsync(Now, CancellationToken.None);
        }

        Assert.That(purged, Is.EqualTo(1), "only the event older than the default 365 days");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from audit_events"), Is.EqualTo(2));
        await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync("delete from audit_events"), "the purge's permission ended with its transaction");
    }

    [Test]
    public async Task WrittenEvent_HasAUuidV7IdTheActorAndSmallJsonDetails()
    {
        var subject = Guid.CreateVersion7();
        await WriteAsync(AuditEventTypes.RoleGranted, subject: subject, details: new Dictionary<string, object?> { ["role"] = "support" });

        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand("select id, actor, subject_user_id, outcome, details->>'role' from audit_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.GetGuid(0).Version, Is.EqualTo(7));
            Assert.That(reader.GetString(1), Is.EqualTo(AuditEvent.SystemActor));
            Assert.That(reader.GetGuid(2), Is.EqualTo(subject));
            Assert.That(reader.GetString(3), Is.EqualTo("Success"));
            Assert.That(reader.GetString(4), Is.EqualTo("support"));
        }
    }

    private static async Task WriteAsync(
        string type, DateTimeOffset? at = null, Guid? subject = null, IReadOnlyDictionary<string, object?>? details = null)
    {
        var clock = new TestClock { Offset = (at ?? Now) - DateTimeOffset.UtcNow };
        await using var services = Database.CreateInfrastructureServices(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().WriteAsync(new AuditEntry(type, subject, Details: details), CancellationToken.None);
    }
}
