using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Persistence.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Retention;

/// <summary>The purge against real PostgreSQL, with the defaults: 30 days of retention, a 7-day session idle timeout.</summary>
public sealed class DataRetentionTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Purge_DeletesOnlyRowsWhoseWorkEndedBeforeTheRetention()
    {
        var userId = await SeedUserAsync();
        var live = await SaveSessionAsync(userId, Now.AddHours(-1), TimeSpan.FromDays(30));
        var revokedLongAgo = await SaveSessionAsync(userId, Now.AddDays(-60), TimeSpan.FromDays(90));
        var revokedRecently = await SaveSessionAsync(userId, Now.AddDays(-2), TimeSpan.FromDays(30));
        var expiredLongAgo = await SaveSessionAsync(userId, Now.AddDays(-70), TimeSpan.FromDays(30));
        var idleLongAgo = await SaveSessionAsync(userId, Now.AddDays(-38), TimeSpan.FromDays(90));
        var idleWithinRetention = await SaveSessionAsync(userId, Now.AddDays(-36), TimeSpan.FromDays(90));
        await Database.ExecuteAsync("update sessions set revoked_at = @at, revocation_reason = 'Logout' where id = @id", ("at", Now.AddDays(-31)), ("id", revokedLongAgo));
        await Database.ExecuteAsync("update sessions set revoked_at = @at, revocation_reason = 'Logout' where id = @id", ("at", Now.AddDays(-1)), ("id", revokedRecently));

        var usedLongAgo = UserToken.Issue(userId, UserTokenPurpose.PasswordReset, new string('a', 64), Now.AddDays(-40), TimeSpan.FromMinutes(30));
        usedLongAgo.Consume(Now.AddDays(-40));
        var expiredToken = UserToken.Issue(userId, UserTokenPurpose.EmailVerification, new string('b', 64), Now.AddDays(-31), TimeSpan.FromHours(2));
        var freshToken = UserToken.Issue(userId, UserTokenPurpose.PasswordReset, new string('c', 64), Now.AddHours(-1), TimeSpan.FromMinutes(30));
        var content = new EmailContent("Subject", "text", "<p>html</p>");
        var sentLongAgo = OutboxEmail.Create("alice@example.com", content, Now.AddDays(-40));
        sentLongAgo.MarkSent(Now.AddDays(-31));
        var pendingLongAgo = OutboxEmail.Create("alice@example.com", content, Now.AddDays(-40));
        var sentRecently = OutboxEmail.Create("alice@example.com", content, Now.AddDays(-2));
        sentRecently.MarkSent(Now.AddDays(-2));
        await using (var scope = NewScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
            db.UserTokens.AddRange(usedLongAgo, expiredToken, freshToken);
            db.OutboxEmails.AddRange(sentLongAgo, pendingLongAgo, sentRecently);
            await db.SaveChangesAsync();
        }

        await Database.ExecuteAsync("insert into login_failure_counts (email_key, failures, last_failure_at) values (@k, 3, @at)", ("k", new byte[32]), ("at", Now.AddDays(-31)));
        await Database.ExecuteAsync("insert into login_failure_counts (email_key, failures, last_failure_at) values (@k, 3, @at)", ("k", Enumerable.Repeat((byte)1, 32).ToArray()), ("at", Now.AddDays(-29)));

        RetentionResult result;
        await using (var scope = NewScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DataRetention>().PurgeAsync(Now, CancellationToken.None);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(new RetentionResult(Sessions: 3, UserTokens: 2, OutboxEmails: 1, LoginFailureCounts: 1)));
            Assert.That(await IdsAsync("sessions"), Is.EquivalentTo(new[] { live, revokedRecently, idleWithinRetention }));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where session_id not in (select id from sessions)"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(3));
            Assert.That(await IdsAsync("user_tokens"), Is.EquivalentTo(new[] { freshToken.Id }));
            Assert.That(await IdsAsync("outbox_emails"), Is.EquivalentTo(new[] { pendingLongAgo.Id, sentRecently.Id }));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from login_failure_counts"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
        }

        Assert.That(expiredLongAgo, Is.Not.AnyOf(await IdsAsync("sessions")));
        Assert.That(idleLongAgo, Is.Not.AnyOf(await IdsAsync("sessions")));
    }

    [Test]
    public async Task Purge_Twice_DeletesNothingTheSecondTime()
    {
        var userId = await SeedUserAsync();
        var old = await SaveSessionAsync(userId, Now.AddDays(-70), TimeSpan.FromDays(30));

        await using var scope = NewScope();
        var retention = scope.ServiceProvider.GetRequiredService<DataRetention>();
        var first = await retention.PurgeAsync(Now, CancellationToken.None);
        var second = await retention.PurgeAsync(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Sessions, Is.EqualTo(1), $"session {old}");
            Assert.That(second, Is.EqualTo(new RetentionResult(0, 0, 0, 0)));
        }
    }

    [Test]
    public async Task Purge_OfABacklogLargerThanABatch_DeletesItAllAndAnnouncesNone()
    {
        var userId = await SeedUserAsync();
        var live = await SaveSessionAsync(userId, Now.AddHours(-1), TimeSpan.FromDays(30));
        var backlog = DataRetention.SessionBatch * 2 + 7;
        await Database.ExecuteAsync(
            """
            insert into sessions (id, user_id, created_at, last_used_at, expires_at, ip_address, user_agent)
            select gen_random_uuid(), @user, @started, @started, @started + interval '30 days', '203.0.113.7', 'tests'
            from generate_series(1, @n)
            """,
            ("user", userId), ("started", Now.AddDays(-70)), ("n", backlog));

        RetentionResult result;
        await using (var scope = NewScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<DataRetention>().PurgeAsync(Now, CancellationToken.None);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Sessions, Is.EqualTo(backlog));
            Assert.That(await IdsAsync("sessions"), Is.EqualTo(new[] { live }));
            // Sessions that ended weeks ago hold no valid access token: nothing to announce to the instances.
            Assert.That(await Database.ScalarAsync<long>("select count(*) from session_deletions"), Is.Zero);
        }
    }

    [Test]
    public async Task DeletingASessionUsedJustNow_IsStillLoggedForTheInstances()
    {
        var userId = await SeedUserAsync();
        var recent = Guid.CreateVersion7();
        var stale = Guid.CreateVersion7();
        await Database.ExecuteAsync(
            """
            insert into sessions (id, user_id, created_at, last_used_at, expires_at, ip_address, user_agent)
            values (@recent, @user, now(), now(), now() + interval '30 days', '203.0.113.7', 'tests'),
                   (@stale, @user, now() - interval '3 hours', now() - interval '3 hours', now() + interval '30 days', '203.0.113.7', 'tests')
            """,
            ("recent", recent), ("stale", stale), ("user", userId));

        await Database.ExecuteAsync("delete from sessions where user_id = @user", ("user", userId));

        // An access token issued at the last use (at most 60 minutes long) may still be valid for the recent one only.
        Assert.That(await IdsAsync("session_deletions", "session_id"), Is.EqualTo(new[] { recent }));
    }

    private static async Task<Guid> SeedUserAsync()
    {
        var user = User.Register("alice", "alice@example.com", "$2a$04$not-a-real-hash", Now.AddDays(-100));
        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<AuthFlow.Application.Common.Interfaces.IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        return user.Id;
    }

    /// <summary>A session started at <paramref name="startedAt"/> and never used since, with one refresh token.</summary>
    private static async Task<Guid> SaveSessionAsync(Guid userId, DateTimeOffset startedAt, TimeSpan absoluteLifetime)
    {
        var session = Session.Start(userId, "203.0.113.7", "tests", startedAt, absoluteLifetime);
        var token = RefreshToken.IssueForSession(session, Convert.ToHexString(Guid.NewGuid().ToByteArray()).PadRight(64, '0').ToLowerInvariant(), startedAt, TimeSpan.FromDays(7));
        await using var scope = NewScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
        db.Sessions.Add(session);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static async Task<List<Guid>> IdsAsync(string table, string column = "id")
    {
        var ids = new List<Guid>();
        await using var connection = await Database.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"select {column} from {table}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
