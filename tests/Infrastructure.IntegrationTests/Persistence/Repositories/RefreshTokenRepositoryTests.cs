using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class RefreshTokenRepositoryTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4_567_890);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    [Test]
    public async Task Add_ThenSaveChanges_StoresTokenFoundByHash()
    {
        var userId = await SeedUserAsync();
        var session = StartSession(userId);
        var token = RefreshToken.IssueForSession(session, Hash("first"), Now, Lifetime);
        await using (var scope = NewScope())
        {
            Sessions(scope).Add(session);
            Tokens(scope).Add(token);
            await UnitOfWork(scope).SaveChangesAsync(CancellationToken.None);
        }

        await using var readScope = NewScope();
        var stored = await Tokens(readScope).FindByHashAsync(Hash("first"), CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.Id, Is.EqualTo(token.Id));
            Assert.That(stored.UserId, Is.EqualTo(userId));
            Assert.That(stored.SessionId, Is.EqualTo(token.SessionId));
            Assert.That(stored.TokenHash, Is.EqualTo(Hash("first")));
            Assert.That(stored.CreatedAt, Is.EqualTo(Now));
            Assert.That(stored.ExpiresAt, Is.EqualTo(Now + Lifetime));
            Assert.That(stored.RevokedAt, Is.Null);
            Assert.That(stored.RevocationReason, Is.Null);
            Assert.That(stored.ReplacedByTokenId, Is.Null);
        }
    }

    [Test]
    public async Task Add_WithoutSaveChanges_StoresNothing()
    {
        var userId = await SeedUserAsync();
        await using (var scope = NewScope())
        {
            var session = StartSession(userId);
            Sessions(scope).Add(session);
            Tokens(scope).Add(RefreshToken.IssueForSession(session, Hash("first"), Now, Lifetime));
        }

        Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.Zero);
    }

    [Test]
    public async Task FindByHash_WithUnknownHash_ReturnsNull()
    {
        var userId = await SeedUserAsync();
        await SaveNewSessionAsync(userId, "first");
        await using var scope = NewScope();

        var found = await Tokens(scope).FindByHashAsync(Hash("never issued"), CancellationToken.None);

        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task Add_WithAHashAlreadyStored_FailsOnTheUniqueIndex()
    {
        var userId = await SeedUserAsync();
        await SaveNewSessionAsync(userId, "same");
        await using var scope = NewScope();
        var session = StartSession(userId);
        Sessions(scope).Add(session);
        Tokens(scope).Add(RefreshToken.IssueForSession(session, Hash("same"), Now, Lifetime));

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => UnitOfWork(scope).SaveChangesAsync(CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.InnerException, Is.InstanceOf<PostgresException>());
            Assert.That((failure.InnerException as PostgresException)?.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
            Assert.That((failure.InnerException as PostgresException)?.ConstraintName, Is.EqualTo("ix_refresh_tokens_token_hash"));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task TryRotate_StoresTheRevokedCurrentAndItsSuccessor()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        var rotatedAt = Now.AddMinutes(3);
        RefreshToken successor;
        bool rotated;
        await using (var scope = NewScope())
        {
            var current = await Tokens(scope).FindByHashAsync(Hash("first"), CancellationToken.None);
            successor = current!.Rotate(Hash("second"), Salt, rotatedAt, Lifetime);
            rotated = await Tokens(scope).TryRotateAsync(current, successor, CancellationToken.None);
        }

        var revoked = await ReadRowAsync(original.Id);
        var stored = await ReadRowAsync(successor.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated, Is.True);
            Assert.That(revoked.RevokedAt, Is.EqualTo(rotatedAt));
            Assert.That(revoked.RevocationReason, Is.EqualTo("Rotated"));
            Assert.That(revoked.ReplacedByTokenId, Is.EqualTo(successor.Id));
            Assert.That(stored.Exists, Is.True);
            Assert.That(stored.SessionId, Is.EqualTo(original.SessionId));
            Assert.That(stored.TokenHash, Is.EqualTo(Hash("second")));
            Assert.That(stored.RevokedAt, Is.Null);
            Assert.That(stored.RevocationReason, Is.Null);
        }
    }

    [Test]
    public async Task TryRotate_WhenAnotherRequestRotatedFirst_ReturnsFalseAndStoresNoSuccessor()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        await using var first = NewScope();
        await using var second = NewScope();
        var firstCopy = await Tokens(first).FindByHashAsync(Hash("first"), CancellationToken.None);
        var secondCopy = await Tokens(second).FindByHashAsync(Hash("first"), CancellationToken.None);
        var winner = firstCopy!.Rotate(Hash("winner"), Salt, Now.AddMinutes(1), Lifetime);
        var loser = secondCopy!.Rotate(Hash("loser"), Salt, Now.AddMinutes(2), Lifetime);
        await Tokens(first).TryRotateAsync(firstCopy, winner, CancellationToken.None);

        var rotated = await Tokens(second).TryRotateAsync(secondCopy, loser, CancellationToken.None);

        var current = await ReadRowAsync(original.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated, Is.False);
            Assert.That((await ReadRowAsync(loser.Id)).Exists, Is.False);
            Assert.That(current.ReplacedByTokenId, Is.EqualTo(winner.Id));
            Assert.That(current.RevokedAt, Is.EqualTo(Now.AddMinutes(1)));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task TryRotate_TwoConcurrentRotationsOfOneToken_ExactlyOneSucceeds()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        await using var first = NewScope();
        await using var second = NewScope();
        var copies = new[]
        {
            await Tokens(first).FindByHashAsync(Hash("first"), CancellationToken.None),
            await Tokens(second).FindByHashAsync(Hash("first"), CancellationToken.None),
        };
        var successors = new[]
        {
            copies[0]!.Rotate(Hash("successor-0"), Salt, Now.AddMinutes(1), Lifetime),
            copies[1]!.Rotate(Hash("successor-1"), Salt, Now.AddMinutes(1), Lifetime),
        };

        var results = await Task.WhenAll(
            Task.Run(() => Tokens(first).TryRotateAsync(copies[0]!, successors[0], CancellationToken.None)),
            Task.Run(() => Tokens(second).TryRotateAsync(copies[1]!, successors[1], CancellationToken.None)));

        var winnerIndex = results[0] ? 0 : 1;
        var winner = successors[winnerIndex];
        var loser = successors[1 - winnerIndex];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Count(r => r), Is.EqualTo(1), string.Join(",", results));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where id <> @id", ("id", original.Id)), Is.EqualTo(1));
            Assert.That((await ReadRowAsync(loser.Id)).Exists, Is.False);
            Assert.That((await ReadRowAsync(original.Id)).ReplacedByTokenId, Is.EqualTo(winner.Id));
        }
    }

    [Test]
    public async Task TryRotateActive_WithAnActiveToken_StoresTheRotationAndReturnsWhatTheAccessTokenNeeds()
    {
        var userId = await SeedUserAsync(roles: ["admin"]);
        var original = await SaveNewSessionAsync(userId, "first");
        var at = Now.AddMinutes(3);
        var rotation = Rotation("first", "second", at);

        var rotated = await RotateActiveAsync(rotation);

        var revoked = await ReadRowAsync(original.Id);
        var stored = await ReadRowAsync(rotation.SuccessorId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated, Is.Not.Null);
            Assert.That(rotated!.Subject, Is.EqualTo(rotated.Subject with { UserId = userId, Email = "alice@example.com" }));
            Assert.That(rotated.Subject.RoleNames, Is.EqualTo(new[] { "admin" }));
            Assert.That(rotated.SessionId, Is.EqualTo(original.SessionId));
            Assert.That(rotated.AuthenticationMethods, Is.EqualTo(new[] { "pwd" }));
            Assert.That(revoked.RevokedAt, Is.EqualTo(at));
            Assert.That(revoked.RevocationReason, Is.EqualTo("Rotated"));
            Assert.That(revoked.ReplacedByTokenId, Is.EqualTo(rotation.SuccessorId));
            Assert.That(await Database.ScalarAsync<string>("select successor_salt from refresh_tokens where id = @id", ("id", original.Id)), Is.EqualTo(Salt));
            Assert.That(stored.Exists, Is.True);
            Assert.That(stored.SessionId, Is.EqualTo(original.SessionId));
            Assert.That(stored.TokenHash, Is.EqualTo(Hash("second")));
            Assert.That(stored.RevokedAt, Is.Null);
            Assert.That(await TimeAsync("select expires_at from refresh_tokens where id = @id", ("id", rotation.SuccessorId)), Is.EqualTo(at + Lifetime));
            Assert.That(await TimeAsync("select last_used_at from sessions where id = @id", ("id", original.SessionId)), Is.EqualTo(at));
        }
    }

    [Test]
    public async Task TryRotateActive_NearTheSessionsAbsoluteEnd_GivesTheSuccessorTheSessionsEnd()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first", lifetime: SessionLifetime);
        var at = Now + SessionLifetime - TimeSpan.FromDays(2);

        var rotation = Rotation("first", "second", at, idle: TimeSpan.FromDays(60));
        Assert.That(await RotateActiveAsync(rotation), Is.Not.Null);

        var successorExpiry = await TimeAsync("select expires_at from refresh_tokens where id = @id", ("id", rotation.SuccessorId));
        var session = await TimeAsync("select expires_at from sessions where id = @id", ("id", original.SessionId));
        Assert.That(successorExpiry, Is.EqualTo(session));
    }

    /// <summary>
    /// The statement applies the domain's rules: at each limit (the token's expiry, the session's absolute end, its idle
    /// timeout) and a microsecond or half of one either side, it rotates exactly when the domain calls the chain active.
    /// </summary>
    [TestCase("token", -10)]
    [TestCase("token", -5)]
    [TestCase("token", 0)]
    [TestCase("token", 5)]
    [TestCase("token", 10)]
    [TestCase("session", -10)]
    [TestCase("session", 0)]
    [TestCase("session", 10)]
    [TestCase("idle", -10)]
    [TestCase("idle", -5)]
    [TestCase("idle", 0)]
    [TestCase("idle", 5)]
    public async Task TryRotateActive_AtEachLimit_RotatesExactlyWhenTheDomainWould(string limit, long ticksFromLimit)
    {
        var userId = await SeedUserAsync();
        // Each case makes one limit the nearest: the others are far away.
        var (tokenLifetime, idle, end) = limit switch
        {
            "token" => (Lifetime, TimeSpan.FromDays(60), Now + Lifetime),
            "session" => (SessionLifetime + TimeSpan.FromDays(10), TimeSpan.FromDays(60), Now + SessionLifetime),
            _ => (Lifetime, TimeSpan.FromHours(12), Now + TimeSpan.FromHours(12)),
        };
        await SaveNewSessionAsync(userId, "first", lifetime: tokenLifetime);
        var at = end.AddTicks(ticksFromLimit);

        bool domainWouldRotate;
        await using (var scope = NewScope())
        {
            var chain = await Tokens(scope).FindChainByHashAsync(Hash("first"), CancellationToken.None);
            domainWouldRotate = chain!.Token.IsActive(at) && chain.Session!.IsActive(at, idle) && !chain.User!.IsDisabled;
        }

        var rotated = await RotateActiveAsync(Rotation("first", "second", at, idle));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(domainWouldRotate, Is.EqualTo(ticksFromLimit < 0));
            Assert.That(rotated is not null, Is.EqualTo(domainWouldRotate));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(domainWouldRotate ? 2 : 1));
        }
    }

    [TestCase("unknown")]
    [TestCase("rotated")]
    [TestCase("logged out")]
    [TestCase("session revoked")]
    [TestCase("user disabled")]
    public async Task TryRotateActive_WhenTheDomainWouldRefuse_RotatesNothing(string state)
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        var at = Now.AddMinutes(1);
        switch (state)
        {
            case "rotated":
                Assert.That(await RotateActiveAsync(Rotation("first", "earlier", at)), Is.Not.Null);
                break;
            case "logged out":
                await Database.ScalarAsync<object>("update refresh_tokens set revoked_at = @at, revocation_reason = 'Logout' where id = @id", ("at", at), ("id", original.Id));
                break;
            case "session revoked":
                await Database.ScalarAsync<object>("update sessions set revoked_at = @at, revocation_reason = 'Logout' where id = @id", ("at", at), ("id", original.SessionId));
                break;
            case "user disabled":
                await Database.ScalarAsync<object>("update users set disabled_at = @at where id = @id", ("at", at), ("id", userId));
                break;
        }

        var before = await Database.ScalarAsync<long>("select count(*) from refresh_tokens");
        var rotated = await RotateActiveAsync(Rotation(state == "unknown" ? "never issued" : "first", "second", at.AddSeconds(1)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated, Is.Null);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(before));
            Assert.That((await ReadRowAsync(original.Id)).ReplacedByTokenId, state == "rotated" ? Is.Not.Null : Is.Null);
        }
    }

    [Test]
    public async Task TryRotateActive_TwoConcurrentRotationsOfOneToken_ExactlyOneSucceeds()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        var rotations = new[] { Rotation("first", "successor-0", Now.AddMinutes(1)), Rotation("first", "successor-1", Now.AddMinutes(1)) };

        var results = await Task.WhenAll(rotations.Select(r => Task.Run(() => RotateActiveAsync(r))));

        var winner = results[0] is not null ? rotations[0] : rotations[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(2));
            Assert.That((await ReadRowAsync(original.Id)).ReplacedByTokenId, Is.EqualTo(winner.SuccessorId));
        }
    }

    [Test]
    public async Task DeletingAUser_DeletesItsTokensAndNoOtherUsers()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        await SaveNewSessionAsync(aliceId, "alice-1");
        await SaveNewSessionAsync(aliceId, "alice-2");
        await SaveNewSessionAsync(bobId, "bob");

        await Database.ScalarAsync<object>("delete from users where id = @id", ("id", aliceId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where user_id = @id", ("id", aliceId)), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where user_id = @id", ("id", bobId)), Is.EqualTo(1));
        }
    }

    private const string Salt = "c2FsdA";

    private static Session StartSession(Guid userId) => Session.Start(userId, "203.0.113.7", "tests", Now, SessionLifetime);

    private static ISessionRepository Sessions(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ISessionRepository>();

    private static IRefreshTokenRepository Tokens(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IRefreshTokenRepository>();

    private static IUnitOfWork UnitOfWork(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUnitOfWork>();

    /// <summary>A distinct, well-formed token hash (64 lowercase hex characters) for each seed.</summary>
    private static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);

    private static ActiveTokenRotation Rotation(string presented, string successor, DateTimeOffset at, TimeSpan? idle = null) =>
        new(Hash(presented), Guid.CreateVersion7(at), Hash(successor), Salt, at, idle ?? TimeSpan.FromHours(12), Lifetime);

    /// <summary>A <c>timestamptz</c> value (Npgsql reads it as a UTC <see cref="DateTime"/>).</summary>
    private static async Task<DateTimeOffset> TimeAsync(string sql, params (string Name, object Value)[] parameters) =>
        new(await Database.ScalarAsync<DateTime>(sql, parameters));

    private static async Task<RotatedSession?> RotateActiveAsync(ActiveTokenRotation rotation)
    {
        await using var scope = NewScope();
        return await Tokens(scope).TryRotateActiveAsync(rotation, CancellationToken.None);
    }

    private static async Task<Guid> SeedUserAsync(string email = "alice@example.com", string[]? roles = null)
    {
        var user = User.Register(email.Split('@')[0], email, "$2a$04$not-a-real-hash", Now);
        foreach (var role in roles ?? [])
        {
            user.GrantRole(role, Now);
        }

        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        return user.Id;
    }

    private static async Task<RefreshToken> SaveNewSessionAsync(Guid userId, string seed, TimeSpan? lifetime = null)
    {
        var session = StartSession(userId);
        var token = RefreshToken.IssueForSession(session, Hash(seed), Now, lifetime ?? Lifetime);
        await using var scope = NewScope();
        Sessions(scope).Add(session);
        Tokens(scope).Add(token);
        await UnitOfWork(scope).SaveChangesAsync(CancellationToken.None);
        return token;
    }

    private static async Task<TokenRow> ReadRowAsync(Guid id)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select session_id, token_hash, revoked_at, revocation_reason, replaced_by_token_id from refresh_tokens where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return new TokenRow(false, Guid.Empty, "", null, null, null);
        }

        return new TokenRow(
            true,
            reader.GetGuid(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetGuid(4));
    }

    private sealed record TokenRow(bool Exists, Guid SessionId, string TokenHash, DateTimeOffset? RevokedAt, string? RevocationReason, Guid? ReplacedByTokenId);
}
