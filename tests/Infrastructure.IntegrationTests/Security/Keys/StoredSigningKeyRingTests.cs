using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.IntegrationTests.Security.Keys;

/// <summary>The in-memory key ring: requests never reach the database, whatever key ids they name.</summary>
[NonParallelizable]
public sealed class StoredSigningKeyRingTests : DatabaseTestBase
{
    [SetUp]
    public Task EmptyKeysAsync() => Database.ScalarAsync<object>("delete from signing_keys");

    [Test]
    public async Task ResolveVerificationKeys_WithUnknownKeyIds_ReloadsAtMostOncePerInterval()
    {
        var clock = new TestClock();
        using var services = Database.CreateInfrastructureServices(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().EnsureSigningKeyAsync(clock.GetUtcNow(), CancellationToken.None);
        }

        var ring = services.GetRequiredService<StoredSigningKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);
        string LookAlike() => Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        for (var i = 0; i < 100; i++)
        {
            Assert.That(ring.ResolveVerificationKeys(LookAlike(), clock.GetUtcNow()), Is.Empty);
        }

        var afterBurst = ring.MissReloads;
        Assert.That(ring.ResolveVerificationKeys("' OR 1=1 --", clock.GetUtcNow()), Is.Empty);
        clock.Advance(StoredSigningKeyRing.MissReloadInterval);
        ring.ResolveVerificationKeys(LookAlike(), clock.GetUtcNow());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterBurst, Is.EqualTo(1), "a hundred unknown kids, one reload");
            Assert.That(ring.MissReloads, Is.EqualTo(2), "the next one after the interval");
        }
    }
}
