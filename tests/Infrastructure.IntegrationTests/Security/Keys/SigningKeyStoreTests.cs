using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.IntegrationTests.Security.Keys;

/// <summary>The stored keys on PostgreSQL: the first key, rotation, the schedule, and instances racing for them.</summary>
[NonParallelizable]
public sealed class SigningKeyStoreTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(60);

    [SetUp]
    public Task EmptyKeysAsync() => Database.ScalarAsync<object>("delete from signing_keys");

    [Test]
    public async Task EnsureSigningKey_CalledByTwentyInstancesAtOnce_MakesExactlyOneKey()
    {
        var calls = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var scope = NewScope();
            await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().EnsureSigningKeyAsync(Now, CancellationToken.None);
        });

        await Task.WhenAll(calls);

        var keys = await ListAsync();
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0].SignsFrom, Is.EqualTo(Now), "the first key signs at once");
    }

    [Test]
    public async Task EnsureSigningKey_WithAKeySigning_ChangesNothing()
    {
        await EnsureAsync(Now);

        await EnsureAsync(Now.AddDays(3));

        Assert.That(await ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Rotate_PublishesNowSignsAfterTheLeadAndSupersedesTheOldKeyThen()
    {
        await EnsureAsync(Now);

        await using var scope = NewScope();
        var rotated = await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().RotateAsync(Now.AddHours(1), CancellationToken.None);

        var keys = await ListAsync();
        var old = keys.Single(k => k.KeyId != rotated.KeyId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated.CreatedAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(rotated.SignsFrom, Is.EqualTo(Now.AddHours(1) + Lead));
            Assert.That(old.SupersededAt, Is.EqualTo(rotated.SignsFrom));
            Assert.That(old.RetiresAt, Is.EqualTo(rotated.SignsFrom + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30)));
            Assert.That(rotated.SupersededAt, Is.Null);
        }
    }

    [Test]
    public async Task RotateIfDue_BeforeRotationDays_DoesNothing_AndAfterThemRotates()
    {
        await EnsureAsync(Now);

        var early = await RotateIfDueAsync(Now.AddDays(30).AddSeconds(-1));
        var due = await RotateIfDueAsync(Now.AddDays(30));
        var again = await RotateIfDueAsync(Now.AddDays(30).AddMinutes(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(early, Is.Null);
            Assert.That(due, Is.Not.Null);
            Assert.That(due!.SignsFrom, Is.EqualTo(Now.AddDays(30) + Lead));
            Assert.That(again, Is.Null, "a pending key is not due");
            Assert.That(await ListAsync(), Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task StoredKey_SignsTokensItsPublicHalfVerifies()
    {
        await EnsureAsync(Now);
        await using var scope = NewScope();
        var key = (await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().LoadLiveKeysAsync(Now, CancellationToken.None)).Single();

        var credentials = SigningKeyMaterial.ToSigningCredentials(key, scope.ServiceProvider.GetRequiredService<KeyEncryption>());
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Issuer = "i", SigningCredentials = credentials });
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "i",
            ValidateAudience = false,
            IssuerSigningKey = SigningKeyMaterial.ToVerificationKey(key),
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.True, result.Exception?.Message);
            Assert.That(new JsonWebToken(token).Kid, Is.EqualTo(key.Id));
            Assert.That(key.Id, Does.Match("^[A-Za-z0-9_-]{43}$"), "a base64url SHA-256 thumbprint");
        }
    }

    private static async Task EnsureAsync(DateTimeOffset now)
    {
        await using var scope = NewScope();
        await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().EnsureSigningKeyAsync(now, CancellationToken.None);
    }

    private static async Task<Domain.Keys.SigningKey?> RotateIfDueAsync(DateTimeOffset now)
    {
        await using var scope = NewScope();
        return await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().RotateIfDueAsync(now, CancellationToken.None);
    }

    private static async Task<IReadOnlyList<Application.Common.Interfaces.SigningKeyInfo>> ListAsync()
    {
        await using var scope = NewScope();
        return await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().ListAsync(CancellationToken.None);
    }
}
