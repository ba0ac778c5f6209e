using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
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
        var token = RefreshToken.IssueForNewSession(userId, Hash("first"), Now, Lifetime);
        await using (var scope = NewScope())
        {
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
            Tokens(scope).Add(RefreshToken.IssueForNewSession(userId, Hash("first"), Now, Lifetime));
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
        Tokens(scope).Add(RefreshToken.IssueForNewSession(userId, Hash("same"), Now, Lifetime));

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
            successor = current!.Rotate(Hash("second"), rotatedAt, Lifetime);
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
        var winner = firstCopy!.Rotate(Hash("winner"), Now.AddMinutes(1), Lifetime);
        var loser = secondCopy!.Rotate(Hash("loser"), Now.AddMinutes(2), Lifetime);
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
            copies[0]!.Rotate(Hash("successor-0"), Now.AddMinutes(1), Lifetime),
            copies[1]!.Rotate(Hash("successor-1"), Now.AddMinutes(1), Lifetime),
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
    public async Task RevokeSession_RevokesEveryActiveTokenOfTheSessionAndReturnsTheCount()
    {
        var userId = await SeedUserAsync();
        var token = await SaveNewSessionAsync(userId, "first");
        var sibling = await InsertTokenAsync(userId, token.SessionId, "sibling");
        var revokedAt = Now.AddHours(1);
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeSessionAsync(userId, token.SessionId, RefreshTokenRevocation.Logout, revokedAt, CancellationToken.None);

        var first = await ReadRowAsync(token.Id);
        var second = await ReadRowAsync(sibling);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(2));
            Assert.That(first.RevokedAt, Is.EqualTo(revokedAt));
            Assert.That(first.RevocationReason, Is.EqualTo("Logout"));
            Assert.That(second.RevokedAt, Is.EqualTo(revokedAt));
            Assert.That(second.RevocationReason, Is.EqualTo("Logout"));
        }
    }

    [Test]
    public async Task RevokeSession_LeavesTheUsersOtherSessionsActive()
    {
        var userId = await SeedUserAsync();
        var ended = await SaveNewSessionAsync(userId, "ended");
        var other = await SaveNewSessionAsync(userId, "other");
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeSessionAsync(userId, ended.SessionId, RefreshTokenRevocation.Logout, Now.AddHours(1), CancellationToken.None);

        var untouched = await ReadRowAsync(other.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That(untouched.RevokedAt, Is.Null);
            Assert.That(untouched.RevocationReason, Is.Null);
        }
    }

    [Test]
    public async Task RevokeAllForUser_RevokesEveryActiveSessionOfTheUserOnly()
    {
        var aliceId = await SeedUserAsync();
        var bobId = await SeedUserAsync("bob@example.com");
        var laptop = await SaveNewSessionAsync(aliceId, "laptop");
        var phone = await SaveNewSessionAsync(aliceId, "phone");
        var bobs = await SaveNewSessionAsync(bobId, "bobs");
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeAllForUserAsync(aliceId, RefreshTokenRevocation.PasswordReset, Now.AddHours(1), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(2));
            Assert.That((await ReadRowAsync(laptop.Id)).RevocationReason, Is.EqualTo("PasswordReset"));
            Assert.That((await ReadRowAsync(phone.Id)).RevocationReason, Is.EqualTo("PasswordReset"));
            Assert.That((await ReadRowAsync(bobs.Id)).RevokedAt, Is.Null);
        }
    }

    [Test]
    public async Task RevokeSession_LeavesAnotherUsersTokensOfTheSameSessionIdActive()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        var alices = await SaveNewSessionAsync(aliceId, "alice");
        var bobs = await InsertTokenAsync(bobId, alices.SessionId, "bob");
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeSessionAsync(aliceId, alices.SessionId, RefreshTokenRevocation.Logout, Now.AddHours(1), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That((await ReadRowAsync(alices.Id)).RevokedAt, Is.Not.Null);
            Assert.That((await ReadRowAsync(bobs)).RevokedAt, Is.Null);
        }
    }

    [Test]
    public async Task RevokeSession_WithAnotherUsersId_RevokesNothing()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        var alices = await SaveNewSessionAsync(aliceId, "alice");
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeSessionAsync(bobId, alices.SessionId, RefreshTokenRevocation.Logout, Now.AddHours(1), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.Zero);
            Assert.That((await ReadRowAsync(alices.Id)).RevokedAt, Is.Null);
        }
    }

    [Test]
    public async Task RevokeSession_LeavesAlreadyRevokedTokensAsTheyWere()
    {
        var userId = await SeedUserAsync();
        var original = await SaveNewSessionAsync(userId, "first");
        var rotatedAt = Now.AddMinutes(1);
        RefreshToken successor;
        await using (var rotation = NewScope())
        {
            var current = await Tokens(rotation).FindByHashAsync(Hash("first"), CancellationToken.None);
            successor = current!.Rotate(Hash("second"), rotatedAt, Lifetime);
            await Tokens(rotation).TryRotateAsync(current, successor, CancellationToken.None);
        }

        await using var scope = NewScope();
        var count = await Tokens(scope).RevokeSessionAsync(userId, original.SessionId, RefreshTokenRevocation.ReuseDetected, Now.AddHours(1), CancellationToken.None);

        var rotated = await ReadRowAsync(original.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That(rotated.RevocationReason, Is.EqualTo("Rotated"));
            Assert.That(rotated.RevokedAt, Is.EqualTo(rotatedAt));
            Assert.That((await ReadRowAsync(successor.Id)).RevocationReason, Is.EqualTo("ReuseDetected"));
        }
    }

    [Test]
    public async Task RevokeSession_LeavesExpiredTokensUncountedAndUntouched()
    {
        var userId = await SeedUserAsync();
        var expired = await SaveNewSessionAsync(userId, "short-lived", lifetime: TimeSpan.FromMinutes(5));
        var sibling = await InsertTokenAsync(userId, expired.SessionId, "sibling");
        await using var scope = NewScope();

        var count = await Tokens(scope).RevokeSessionAsync(userId, expired.SessionId, RefreshTokenRevocation.Logout, Now.AddHours(1), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That((await ReadRowAsync(expired.Id)).RevokedAt, Is.Null);
            Assert.That((await ReadRowAsync(sibling)).RevocationReason, Is.EqualTo("Logout"));
        }
    }

    [Test]
    public async Task CountActiveSessions_CountsASessionWithSeveralActiveTokensOnce()
    {
        var userId = await SeedUserAsync();
        var first = await SaveNewSessionAsync(userId, "first");
        await InsertTokenAsync(userId, first.SessionId, "first-sibling");
        await SaveNewSessionAsync(userId, "second");
        await using var scope = NewScope();

        var count = await Tokens(scope).CountActiveSessionsAsync(userId, Now.AddMinutes(1), CancellationToken.None);

        Assert.That(count, Is.EqualTo(2));
    }

    [Test]
    public async Task CountActiveSessions_IgnoresSessionsWhoseTokensAreRevoked()
    {
        var userId = await SeedUserAsync();
        var ended = await SaveNewSessionAsync(userId, "ended");
        await SaveNewSessionAsync(userId, "active");
        await using var scope = NewScope();
        await Tokens(scope).RevokeSessionAsync(userId, ended.SessionId, RefreshTokenRevocation.Logout, Now.AddMinutes(1), CancellationToken.None);

        var count = await Tokens(scope).CountActiveSessionsAsync(userId, Now.AddMinutes(2), CancellationToken.None);

        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public async Task CountActiveSessions_IgnoresATokenThatExpiresAtThatInstant()
    {
        var userId = await SeedUserAsync();
        await SaveNewSessionAsync(userId, "short", lifetime: TimeSpan.FromMinutes(10));
        await SaveNewSessionAsync(userId, "long", lifetime: TimeSpan.FromMinutes(20));
        await using var scope = NewScope();

        var count = await Tokens(scope).CountActiveSessionsAsync(userId, Now.AddMinutes(10), CancellationToken.None);

        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public async Task CountActiveSessions_IgnoresOtherUsersSessions()
    {
        var aliceId = await SeedUserAsync("alice@example.com");
        var bobId = await SeedUserAsync("bob@example.com");
        await SaveNewSessionAsync(aliceId, "alice");
        await SaveNewSessionAsync(bobId, "bob-1");
        await SaveNewSessionAsync(bobId, "bob-2");
        await using var scope = NewScope();

        var count = await Tokens(scope).CountActiveSessionsAsync(aliceId, Now.AddMinutes(1), CancellationToken.None);

        Assert.That(count, Is.EqualTo(1));
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

    private static IRefreshTokenRepository Tokens(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IRefreshTokenRepository>();

    private static IUnitOfWork UnitOfWork(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUnitOfWork>();

    /// <summary>A distinct, well-formed token hash (64 lowercase hex characters) for each seed.</summary>
    private static string Hash(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    private static async Task<Guid> SeedUserAsync(string email = "alice@example.com")
    {
        var user = User.Register(email.Split('@')[0], email, "$2a$04$not-a-real-hash", Now);
        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        return user.Id;
    }

    private static async Task<RefreshToken> SaveNewSessionAsync(Guid userId, string seed, TimeSpan? lifetime = null)
    {
        var token = RefreshToken.IssueForNewSession(userId, Hash(seed), Now, lifetime ?? Lifetime);
        await using var scope = NewScope();
        Tokens(scope).Add(token);
        await UnitOfWork(scope).SaveChangesAsync(CancellationToken.None);
        return token;
    }

    /// <summary>
    /// Stores an active token directly, for states the domain cannot produce on its own (two active tokens in
    /// one session, or one session id shared by two users).
    /// </summary>
    private static async Task<Guid> InsertTokenAsync(Guid userId, Guid sessionId, string seed)
    {
        var id = Guid.NewGuid();
        await Database.ScalarAsync<object>(
            "insert into refresh_tokens (id, user_id, session_id, token_hash, created_at, expires_at) values (@id, @user, @session, @hash, @created, @expires)",
            ("id", id), ("user", userId), ("session", sessionId), ("hash", Hash(seed)), ("created", Now), ("expires", Now + Lifetime));
        return id;
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
