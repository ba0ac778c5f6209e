using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class UserTokenRepositoryTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4_567_890);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    [Test]
    public async Task FindByHashAsync_WithOtherPurpose_FindsNothing()
    {
        var userId = await SeedUserAsync();
        await SaveTokenAsync(userId, UserTokenPurpose.PasswordReset, "reset");

        await using var scope = NewScope();
        var asVerification = await Tokens(scope).FindByHashAsync("hash:reset".PadRight(64, '0'), UserTokenPurpose.EmailVerification, CancellationToken.None);
        var asReset = await Tokens(scope).FindByHashAsync("hash:reset".PadRight(64, '0'), UserTokenPurpose.PasswordReset, CancellationToken.None);

        Assert.That(asVerification, Is.Null);
        Assert.That(asReset, Is.Not.Null);
    }

    [Test]
    public async Task SupersedeUnusedAsync_RetiresOnlyTheUsersUnusedTokensOfThatPurpose()
    {
        var alice = await SeedUserAsync("alice@example.com");
        var bob = await SeedUserAsync("bob@example.com");
        await SaveTokenAsync(alice, UserTokenPurpose.PasswordReset, "alice-reset-1");
        await SaveTokenAsync(alice, UserTokenPurpose.PasswordReset, "alice-reset-2");
        await SaveTokenAsync(alice, UserTokenPurpose.EmailVerification, "alice-verify");
        await SaveTokenAsync(bob, UserTokenPurpose.PasswordReset, "bob-reset");

        await using var scope = NewScope();
        var retired = await Tokens(scope).SupersedeUnusedAsync(alice, UserTokenPurpose.PasswordReset, Now, CancellationToken.None);

        Assert.That(retired, Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens where superseded and used_at is not null"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens where used_at is null"), Is.EqualTo(2), "alice's verification and bob's reset");
    }

    [Test]
    public async Task TrySaveChanges_WhenAnotherRequestConsumedTheTokenFirst_ReturnsFalseAndStoresNothing()
    {
        var userId = await SeedUserAsync();
        await SaveTokenAsync(userId, UserTokenPurpose.PasswordReset, "reset");
        var hash = "hash:reset".PadRight(64, '0');

        await using var first = NewScope();
        await using var second = NewScope();
        var firstToken = (await Tokens(first).FindByHashAsync(hash, UserTokenPurpose.PasswordReset, CancellationToken.None))!;
        var secondToken = (await Tokens(second).FindByHashAsync(hash, UserTokenPurpose.PasswordReset, CancellationToken.None))!;
        var secondUser = (await second.ServiceProvider.GetRequiredService<IUserRepository>().FindByIdAsync(userId, CancellationToken.None))!;
        firstToken.Consume(Now);
        secondToken.Consume(Now.AddSeconds(1));
        secondUser.ChangePasswordHash("$2a$04$second-writer");

        var firstWon = await first.ServiceProvider.GetRequiredService<IUnitOfWork>().TrySaveChangesAsync(CancellationToken.None);
        var secondWon = await second.ServiceProvider.GetRequiredService<IUnitOfWork>().TrySaveChangesAsync(CancellationToken.None);

        Assert.That(firstWon, Is.True);
        Assert.That(secondWon, Is.False);
        Assert.That(await Database.ScalarAsync<string>("select password_hash from users"), Is.EqualTo("$2a$04$not-a-real-hash"), "the loser's password change is not stored");
    }

    [Test]
    public async Task LastIssuedAtAsync_ReturnsTheNewestOfThatPurpose()
    {
        var userId = await SeedUserAsync();
        await SaveTokenAsync(userId, UserTokenPurpose.EmailVerification, "old", Now.AddMinutes(-10));
        await SaveTokenAsync(userId, UserTokenPurpose.EmailVerification, "new", Now.AddMinutes(-2));
        await SaveTokenAsync(userId, UserTokenPurpose.PasswordReset, "reset", Now);

        await using var scope = NewScope();
        var last = await Tokens(scope).LastIssuedAtAsync(userId, UserTokenPurpose.EmailVerification, CancellationToken.None);
        var none = await Tokens(scope).LastIssuedAtAsync(Guid.CreateVersion7(), UserTokenPurpose.EmailVerification, CancellationToken.None);

        Assert.That(last, Is.EqualTo(Now.AddMinutes(-2)));
        Assert.That(none, Is.Null);
    }

    private static IUserTokenRepository Tokens(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUserTokenRepository>();

    private static async Task<Guid> SeedUserAsync(string email = "alice@example.com")
    {
        var user = User.Register(email.Split('@')[0], email, "$2a$04$not-a-real-hash", Now);
        await using var scope = NewScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IUserRepository>().TryAddAsync(user, CancellationToken.None), Is.True);
        return user.Id;
    }

    private static async Task SaveTokenAsync(Guid userId, UserTokenPurpose purpose, string seed, DateTimeOffset? issuedAt = null)
    {
        await using var scope = NewScope();
        Tokens(scope).Add(UserToken.Issue(userId, purpose, ("hash:" + seed).PadRight(64, '0'), issuedAt ?? Now, Lifetime));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }
}
