using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Sessions;

/// <summary>
/// Two containers stand for two instances of the service: one revokes, the other must learn of it through
/// PostgreSQL LISTEN/NOTIFY (or the reload after connecting), never through its own repository.
/// </summary>
public sealed class SessionRevocationListenerTests : DatabaseTestBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private ServiceProvider _instance = null!;

    [SetUp]
    public void CreateInstance() => _instance = Database.CreateInfrastructureServices();

    [TearDown]
    public async Task DisposeInstanceAsync()
    {
        await Listener.StopAsync(CancellationToken.None);
        await _instance.DisposeAsync();
    }

    private SessionRevocationListener Listener => _instance.GetRequiredService<SessionRevocationListener>();

    private RevokedSessionCache Cache => _instance.GetRequiredService<RevokedSessionCache>();

    [Test]
    public async Task ARevocationOnAnotherInstance_ReachesThisInstancesCache()
    {
        await StartListeningAsync();
        var (userId, sessionId) = await SaveSessionAsync();

        await using (var scope = NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISessionRepository>()
                .RevokeAsync(userId, sessionId, SessionRevocation.Logout, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Assert.That(await EventuallyAsync(() => Cache.IsRevoked(sessionId)), Is.True, "the notification never arrived");
    }

    [Test]
    public async Task ARevocationWhileNotListening_IsReloadedWhenTheListenerConnects()
    {
        var (userId, sessionId) = await SaveSessionAsync();
        await using (var scope = NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISessionRepository>()
                .RevokeAsync(userId, sessionId, SessionRevocation.Logout, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        await StartListeningAsync();

        Assert.That(Cache.IsRevoked(sessionId), Is.True);
    }

    [Test]
    public async Task DeletingAUser_RevokesItsLiveSessionsOnEveryInstance()
    {
        await StartListeningAsync();
        var (userId, sessionId) = await SaveSessionAsync();

        await Database.ScalarAsync<object>("delete from users where id = @id", ("id", userId));

        Assert.That(await EventuallyAsync(() => Cache.IsRevoked(sessionId)), Is.True, "the notification never arrived");
    }

    [Test]
    public async Task ALiveSessionDeletedWhileNotListening_IsReloadedWhenTheListenerConnects()
    {
        var (userId, sessionId) = await SaveSessionAsync();
        await Database.ExecuteAsync("delete from users where id = @id", ("id", userId));

        await StartListeningAsync();

        Assert.That(Cache.IsRevoked(sessionId), Is.True, "the deletion was missed by NOTIFY but not by the reload");
    }

    [Test]
    public async Task BeforeTheListenerIsInStep_EachSessionIsCheckedAgainstTheDatabase()
    {
        // The listener is created, not started: it is not in step yet.
        _ = Listener;
        var (_, live) = await SaveSessionAsync();
        var (_, revoked) = await SaveSessionAsync();
        await Database.ExecuteAsync("update sessions set revoked_at = now(), revocation_reason = 'Logout' where id = @id", ("id", revoked));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Cache.ChecksDatabase, Is.True);
            Assert.That(await Cache.IsRevokedAsync(live, CancellationToken.None), Is.False);
            Assert.That(await Cache.IsRevokedAsync(revoked, CancellationToken.None), Is.True);
            Assert.That(await Cache.IsRevokedAsync(Guid.CreateVersion7(), CancellationToken.None), Is.True, "a session that does not exist is refused");
        }

        await StartListeningAsync();
        Assert.That(Cache.ChecksDatabase, Is.False, "in step again: no database round trip per request");
        Assert.That(await Cache.IsRevokedAsync(revoked, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task ANewSession_IsNotRevoked()
    {
        await StartListeningAsync();

        var (_, sessionId) = await SaveSessionAsync();

        Assert.That(Cache.IsRevoked(sessionId), Is.False);
    }

    private async Task StartListeningAsync()
    {
        await Listener.StartAsync(CancellationToken.None);
        Assert.That(await EventuallyAsync(() => Listener.IsListening), Is.True, "the listener never connected");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private static async Task<(Guid UserId, Guid SessionId)> SaveSessionAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var user = User.Register("alice", $"alice-{Guid.NewGuid():N}@example.com", "$2a$04$not-a-real-hash", now);
        var session = Session.Start(user.Id, null, null, now, TimeSpan.FromDays(30));
        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        scope.ServiceProvider.GetRequiredService<ISessionRepository>().Add(session);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return (user.Id, session.Id);
    }
}
