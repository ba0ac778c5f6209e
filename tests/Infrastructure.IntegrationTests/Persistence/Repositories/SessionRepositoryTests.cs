using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class SessionRepositoryTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4_567_890);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    [Test]
    public async Task Add_ThenSaveChanges_StoresTheSessionFoundById()
    {
        var userId = await SeedUserAsync();
        var session = Session.Start(userId, "2001:db8::1", "Firefox/140", Now, TimeSpan.FromDays(30));
        await using (var scope = NewScope())
        {
            Sessions(scope).Add(session);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await using var readScope = NewScope();
        var stored = await Sessions(readScope).FindByIdAsync(session.Id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.UserId, Is.EqualTo(userId));
            Assert.That(stored.IpAddress, Is.EqualTo("2001:db8::1"));
            Assert.That(stored.UserAgent, Is.EqualTo("Firefox/140"));
            Assert.That(stored.CreatedAt, Is.EqualTo(Now));
            Assert.That(stored.LastUsedAt, Is.EqualTo(Now));
            Assert.That(stored.ExpiresAt, Is.EqualTo(Now.AddDays(30)));
            Assert.That(stored.RevokedAt, Is.Null);
        }
    }

    [Test]
    public async Task ListActive_LeavesOutRevokedExpiredIdleAndOtherUsersSessions()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        var active = await SaveSessionAsync(aliceId, startedAt: Now.AddMinutes(-30));
        var idle = await SaveSessionAsync(aliceId, startedAt: Now - IdleTimeout);
        var expired = await SaveSessionAsync(aliceId, startedAt: Now.AddMinutes(-30), absoluteLifetime: TimeSpan.FromMinutes(30));
        var revoked = await SaveSessionAsync(aliceId, startedAt: Now.AddMinutes(-10));
        await SaveSessionAsync(bobId, startedAt: Now.AddMinutes(-5));
        await using (var scope = NewScope())
        {
            await Sessions(scope).RevokeAsync(aliceId, revoked.Id, SessionRevocation.Logout, Now, CancellationToken.None);
        }

        await using var readScope = NewScope();
        var listed = await Sessions(readScope).ListActiveAsync(aliceId, Now, IdleTimeout, CancellationToken.None);

        Assert.That(listed.Select(s => s.Id), Is.EqualTo(new[] { active.Id }), $"idle {idle.Id}, expired {expired.Id}, revoked {revoked.Id}");
        var dashboard = await readScope.ServiceProvider.GetRequiredService<IUserRepository>().FindDashboardAsync(aliceId, Now, IdleTimeout, CancellationToken.None);
        Assert.That(dashboard?.ActiveSessions, Is.EqualTo(1), "the dashboard counts what the list shows");
    }

    [Test]
    public async Task ListActive_PutsTheMostRecentlyUsedFirst()
    {
        var userId = await SeedUserAsync();
        var older = await SaveSessionAsync(userId, startedAt: Now.AddMinutes(-20));
        var newer = await SaveSessionAsync(userId, startedAt: Now.AddMinutes(-10));
        await using var scope = NewScope();

        var listed = await Sessions(scope).ListActiveAsync(userId, Now, IdleTimeout, CancellationToken.None);

        Assert.That(listed.Select(s => s.Id), Is.EqualTo(new[] { newer.Id, older.Id }));
    }

    [Test]
    public async Task Revoke_EndsTheSessionAndItsActiveRefreshTokens()
    {
        var userId = await SeedUserAsync();
        var session = await SaveSessionAsync(userId, tokenSeed: "token");
        var other = await SaveSessionAsync(userId, tokenSeed: "other-token");
        await using var scope = NewScope();

        var revoked = await Sessions(scope).RevokeAsync(userId, session.Id, SessionRevocation.Logout, Now.AddMinutes(5), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revoked, Is.True);
            Assert.That(await SessionColumnAsync<string>(session.Id, "revocation_reason"), Is.EqualTo("Logout"));
            Assert.That(await SessionColumnAsync<DateTime?>(session.Id, "revoked_at"), Is.EqualTo(Now.AddMinutes(5).UtcDateTime));
            Assert.That(await TokenReasonAsync("token"), Is.EqualTo("SessionEnded"));
            Assert.That(await SessionColumnAsync<string>(other.Id, "revocation_reason"), Is.Null);
            Assert.That(await TokenReasonAsync("other-token"), Is.Null);
        }
    }

    [Test]
    public async Task Revoke_ForAnotherUsersSession_ChangesNothingAndReturnsFalse()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        var alices = await SaveSessionAsync(aliceId, tokenSeed: "alice");
        await using var scope = NewScope();

        var revoked = await Sessions(scope).RevokeAsync(bobId, alices.Id, SessionRevocation.Logout, Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(revoked, Is.False);
            Assert.That(await SessionColumnAsync<string>(alices.Id, "revocation_reason"), Is.Null);
            Assert.That(await TokenReasonAsync("alice"), Is.Null);
        }
    }

    [Test]
    public async Task Revoke_AnAlreadyEndedSession_KeepsTheFirstReasonAndReturnsFalse()
    {
        var userId = await SeedUserAsync();
        var session = await SaveSessionAsync(userId);
        await using var scope = NewScope();
        await Sessions(scope).RevokeAsync(userId, session.Id, SessionRevocation.ReuseDetected, Now, CancellationToken.None);

        var again = await Sessions(scope).RevokeAsync(userId, session.Id, SessionRevocation.Logout, Now.AddMinutes(1), CancellationToken.None);

        Assert.That(again, Is.False);
        Assert.That(await SessionColumnAsync<string>(session.Id, "revocation_reason"), Is.EqualTo("ReuseDetected"));
    }

    [Test]
    public async Task Revoke_RecordsTheSessionInThisInstancesRevokedCache()
    {
        var userId = await SeedUserAsync();
        var session = await SaveSessionAsync(userId);
        await using var scope = NewScope();

        await Sessions(scope).RevokeAsync(userId, session.Id, SessionRevocation.Logout, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(Services.GetRequiredService<RevokedSessionCache>().IsRevoked(session.Id), Is.True);
    }

    [Test]
    public async Task RevokeAllForUser_WithoutException_EndsEverySessionOfTheUserOnly()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        var first = await SaveSessionAsync(aliceId);
        var second = await SaveSessionAsync(aliceId);
        var bobs = await SaveSessionAsync(bobId);
        await using var scope = NewScope();

        var count = await Sessions(scope).RevokeAllForUserAsync(aliceId, SessionRevocation.Logout, Now, exceptSessionId: null, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(2));
            Assert.That(await SessionColumnAsync<string>(first.Id, "revocation_reason"), Is.EqualTo("Logout"));
            Assert.That(await SessionColumnAsync<string>(second.Id, "revocation_reason"), Is.EqualTo("Logout"));
            Assert.That(await SessionColumnAsync<string>(bobs.Id, "revocation_reason"), Is.Null);
        }
    }

    [Test]
    public async Task RevokeAllForUser_WithAnException_KeepsThatSession()
    {
        var userId = await SeedUserAsync();
        var kept = await SaveSessionAsync(userId, tokenSeed: "kept");
        var ended = await SaveSessionAsync(userId, tokenSeed: "ended");
        await using var scope = NewScope();

        var count = await Sessions(scope).RevokeAllForUserAsync(userId, SessionRevocation.Logout, Now, kept.Id, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That(await SessionColumnAsync<string>(kept.Id, "revocation_reason"), Is.Null);
            Assert.That(await TokenReasonAsync("kept"), Is.Null);
            Assert.That(await SessionColumnAsync<string>(ended.Id, "revocation_reason"), Is.EqualTo("Logout"));
            Assert.That(await TokenReasonAsync("ended"), Is.EqualTo("SessionEnded"));
        }
    }

    [Test]
    public async Task DeletingAUser_DeletesItsSessionsAndTheirTokens()
    {
        var userId = await SeedUserAsync();
        await SaveSessionAsync(userId, tokenSeed: "token");

        await Database.ScalarAsync<object>("delete from users where id = @id", ("id", userId));

        Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.Zero);
    }

    private static ISessionRepository Sessions(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ISessionRepository>();

    private static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    private static async Task<Guid> SeedUserAsync(string email = "alice@example.com")
    {
        var user = User.Register(email.Split('@')[0], email, "$2a$04$not-a-real-hash", Now.AddDays(-1));
        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        return user.Id;
    }

    private static async Task<Session> SaveSessionAsync(Guid userId, DateTimeOffset? startedAt = null, TimeSpan? absoluteLifetime = null, string? tokenSeed = null)
    {
        var start = startedAt ?? Now.AddMinutes(-1);
        var session = Session.Start(userId, "203.0.113.7", "tests", start, absoluteLifetime ?? TimeSpan.FromDays(30));
        await using var scope = NewScope();
        Sessions(scope).Add(session);
        scope.ServiceProvider.GetRequiredService<IRefreshTokenRepository>()
            .Add(RefreshToken.IssueForSession(session, Hash(tokenSeed ?? session.Id.ToString()), start, TimeSpan.FromDays(7)));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return session;
    }

    private static Task<T?> SessionColumnAsync<T>(Guid sessionId, string column) =>
        Database.ScalarAsync<T>($"select {column} from sessions where id = @id", ("id", sessionId));

    private static Task<string?> TokenReasonAsync(string seed) =>
        Database.ScalarAsync<string>("select revocation_reason from refresh_tokens where token_hash = @hash", ("hash", Hash(seed)));
}
