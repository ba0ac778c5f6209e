using System.Net;
using System.Security.Cryptography;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi.IntegrationTests.Keys;

/// <summary>
/// Instances of the real WebApi sharing one database of their own, whose keys each test starts without:
/// first key, encryption at rest, publication before signing, retirement, scheduled rotation.
/// </summary>
[NonParallelizable]
public sealed class SigningKeyLifecycleTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan LastTokenLifetime = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30);

    private PostgresTestDatabase _database = null!;
    private readonly List<AuthFlowApiFactory> _instances = [];

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync("authflow_it_keys");

    [OneTimeTearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [SetUp]
    public async Task EmptyDatabaseAsync()
    {
        await _database.ResetAsync();
        await _database.ScalarAsync<object>("delete from signing_keys");
    }

    [TearDown]
    public async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
    }

    [Test]
    public async Task Startup_OfTwoInstancesOnAnEmptyDatabase_MakesExactlyOneKeyThatSignsAtOnce()
    {
        var first = NewInstance();
        var second = NewInstance();

        await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));

        var keys = await KeysAsync(first);
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0].SignsFrom, Is.EqualTo(keys[0].CreatedAt), "the first key of a database signs at once");
    }

    [Test]
    public async Task TwoInstances_SharingTheDatabase_VerifyEachOthersTokens()
    {
        using var a = new AuthFlowClient(NewInstance().CreateClient());
        using var b = new AuthFlowClient(NewInstance().CreateClient());

        var fromA = await a.SignUpAndLoginAsync("alice@example.com");
        var fromB = await b.SignUpAndLoginAsync("bob@example.com");

        await ShouldBeAcceptedAsync(b, fromA.AccessToken);
        await ShouldBeAcceptedAsync(a, fromB.AccessToken);
    }

    [Test]
    public async Task StoredPrivateKey_IsEncryptedUnderTheKeyEncryptionKeyAndBoundToItsKid()
    {
        var instance = NewInstance();
        instance.CreateClient().Dispose();
        var signing = (ECDsaSecurityKey)instance.Services.GetRequiredService<ISigningKeyRing>().GetSigningCredentials(instance.Clock.GetUtcNow()).Key;
        var privateScalar = signing.ECDsa.ExportParameters(includePrivateParameters: true).D!;
        var pkcs8 = signing.ECDsa.ExportPkcs8PrivateKey();

        var stored = await _database.ScalarAsync<byte[]>("select private_key_ciphertext from signing_keys where id = @kid", ("kid", signing.KeyId));
        var publicKey = await _database.ScalarAsync<byte[]>("select public_key from signing_keys where id = @kid", ("kid", signing.KeyId));

        var encryption = instance.Services.GetRequiredService<KeyEncryption>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Contains(stored!, privateScalar), Is.False, "the private scalar is not in the ciphertext");
            Assert.That(Contains(stored!, pkcs8), Is.False);
            Assert.That(Contains(publicKey!, privateScalar), Is.False);
            Assert.That(encryption.Decrypt(signing.KeyId, stored!), Is.EqualTo(pkcs8), "decrypts to the key the instance signs with");
            Assert.That(() => encryption.Decrypt("another-kid", stored!), Throws.InstanceOf<CryptographicException>(), "the kid is the associated data");
        }
    }

    [Test]
    public async Task Rotation_PublishesTheNewKeyBeforeItSigns()
    {
        var a = NewInstance();
        var b = NewInstance();
        using var apiA = new AuthFlowClient(a.CreateClient());
        using var apiB = new AuthFlowClient(b.CreateClient());
        var oldKid = new JsonWebToken((await apiA.SignUpAndLoginAsync()).AccessToken).Kid;

        var rotated = await RotateAsync(a);
        await RefreshAsync(a, b);

        Assert.That(rotated.SignsFrom, Is.EqualTo(a.Clock.GetUtcNow() + Lead).Within(TimeSpan.FromSeconds(5)));
        Assert.That(await JwksKidsAsync(apiB), Is.EquivalentTo(new[] { oldKid, rotated.KeyId }), "published at once, on every instance");

        Advance(Lead - TimeSpan.FromMinutes(1), a, b);
        var lastOfTheOldKey = await apiA.LoginSessionAsync("alice@example.com");
        Assert.That(new JsonWebToken(lastOfTheOldKey.AccessToken).Kid, Is.EqualTo(oldKid), "the new key does not sign during the lead time");

        Advance(TimeSpan.FromMinutes(2), a, b);
        var firstOfTheNewKey = await apiA.LoginSessionAsync("alice@example.com");

        Assert.That(new JsonWebToken(firstOfTheNewKey.AccessToken).Kid, Is.EqualTo(rotated.KeyId));
        await ShouldBeAcceptedAsync(apiB, firstOfTheNewKey.AccessToken);
        await ShouldBeAcceptedAsync(apiB, lastOfTheOldKey.AccessToken);
    }

    [Test]
    public async Task SupersededKey_VerifiesUntilTheLastTokenItSignedHasExpired_ThenIsRetired()
    {
        var a = NewInstance();
        using var api = new AuthFlowClient(a.CreateClient());
        var session = await api.SignUpAndLoginAsync();
        var oldKey = a.Services.GetRequiredService<ISigningKeyRing>().GetSigningCredentials(a.Clock.GetUtcNow());
        var rotated = await RotateAsync(a);
        await RefreshAsync(a);

        // The last token the old key signs, just before the new key takes over, and one made to outlive it.
        Advance(Lead - TimeSpan.FromSeconds(1), a);
        var last = await api.LoginSessionAsync("alice@example.com");
        Assert.That(new JsonWebToken(last.AccessToken).Kid, Is.EqualTo(oldKey.Key.KeyId));
        var longLived = LongLivedToken(a, session, oldKey);

        Advance(LastTokenLifetime - TimeSpan.FromSeconds(5), a);
        await ShouldBeAcceptedAsync(api, last.AccessToken);
        await ShouldBeAcceptedAsync(api, longLived);
        Assert.That(await JwksKidsAsync(api), Is.EquivalentTo(new[] { oldKey.Key.KeyId, rotated.KeyId }));

        Advance(TimeSpan.FromSeconds(10), a);
        await RefreshAsync(a);

        using var response = await api.GetAsync("/api/profile", longLived);
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(await JwksKidsAsync(api), Is.EqualTo(new[] { rotated.KeyId }), "retired keys leave the JWKS");
    }

    [Test]
    public async Task Rotation_IsDueAfterRotationDays_AndTheMaintenanceDoesIt()
    {
        var a = NewInstance(new() { ["Jwt:Keys:RotationDays"] = "1", ["Jwt:Keys:RefreshSeconds"] = "1" });
        using var api = new AuthFlowClient(a.CreateClient());
        var firstKid = (await KeysAsync(a)).Single().KeyId;

        Advance(TimeSpan.FromDays(1), a);

        // The maintenance runs every second: poll until it has rotated and reloaded.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<string> published = [];
        while (DateTime.UtcNow < deadline && (published = await JwksKidsAsync(api)).Count < 2)
        {
            await Task.Delay(200);
        }

        var keys = await KeysAsync(a);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys, Has.Count.EqualTo(2));
            Assert.That(published, Has.Count.EqualTo(2), "the instance reloaded the new key");
            var next = keys.Single(k => k.KeyId != firstKid);
            Assert.That(next.SignsFrom - next.CreatedAt, Is.EqualTo(Lead).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(keys.Single(k => k.KeyId == firstKid).RetiresAt, Is.EqualTo(next.SignsFrom + LastTokenLifetime).Within(TimeSpan.FromMilliseconds(1)));
        }
    }

    [Test]
    public async Task UnknownKid_OfAKeyAnotherInstanceMade_IsLearntByOneBackgroundReload()
    {
        var a = NewInstance();
        var b = NewInstance();
        using var apiA = new AuthFlowClient(a.CreateClient());
        using var apiB = new AuthFlowClient(b.CreateClient());
        await apiA.SignUpAndLoginAsync();
        await RotateAsync(a);
        Advance(Lead + TimeSpan.FromSeconds(1), a, b);
        await RefreshAsync(a);
        var token = (await apiA.LoginSessionAsync("alice@example.com")).AccessToken;

        // B has not reloaded since: its first answer is 401, and it reloads in the background.
        using (var first = await apiB.GetAsync("/api/profile", token))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var status = HttpStatusCode.Unauthorized;
        while (DateTime.UtcNow < deadline && status != HttpStatusCode.OK)
        {
            await Task.Delay(100);
            using var retry = await apiB.GetAsync("/api/profile", token);
            status = retry.StatusCode;
        }

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readiness_WithoutASigningKeyLoaded_Answers503UntilOneIs()
    {
        var instance = NewInstance();
        using var client = instance.CreateClient();
        await _database.ScalarAsync<object>("delete from signing_keys");
        await RefreshAsync(instance);

        using (var withoutKey = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        await instance.Services.PrepareSigningKeysAsync();
        await instance.WaitUntilListeningAsync();

        using var withKey = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rs256_PublishesAnRsaKeyAndSignsWithIt()
    {
        var instance = NewInstance(new() { ["Jwt:Algorithm"] = "RS256" });
        using var api = new AuthFlowClient(instance.CreateClient());

        var session = await api.SignUpAndLoginAsync();
        var jwks = await api.Http.GetStringAsync("/.well-known/jwks.json");

        var token = new JsonWebToken(session.AccessToken);
        var key = new JsonWebKeySet(jwks).Keys.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Alg, Is.EqualTo("RS256"));
            Assert.That(key.Kty, Is.EqualTo("RSA"));
            Assert.That(key.Kid, Is.EqualTo(token.Kid));
            Assert.That(Base64UrlEncoder.DecodeBytes(key.N), Has.Length.EqualTo(384), "3072-bit modulus");
            Assert.That(key.D ?? key.P ?? key.Q ?? key.DP ?? key.DQ ?? key.QI, Is.Null);
        }

        await ShouldBeAcceptedAsync(api, session.AccessToken);
    }

    [Test]
    public async Task Hs256_SignsWithTheConfiguredSecretUnderAKidAndPublishesNothing()
    {
        var instance = NewInstance(new() { ["Jwt:Algorithm"] = "HS256" });
        using var api = new AuthFlowClient(instance.CreateClient());

        var session = await api.SignUpAndLoginAsync();

        var token = new JsonWebToken(session.AccessToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Alg, Is.EqualTo("HS256"));
            Assert.That(token.Kid, Is.Not.Empty);
            Assert.That(await JwksKidsAsync(api), Is.Empty);
            Assert.That(await _database.ScalarAsync<long>("select count(*) from signing_keys"), Is.Zero);
        }

        await ShouldBeAcceptedAsync(api, session.AccessToken);
    }

    private AuthFlowApiFactory NewInstance(Dictionary<string, string?>? settings = null)
    {
        var instance = new AuthFlowApiFactory(_database.ConnectionString, settings);
        _instances.Add(instance);
        return instance;
    }

    private static async Task<SigningKeyInfo> RotateAsync(AuthFlowApiFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISigningKeyStore>().RotateAsync(instance.Clock.GetUtcNow(), CancellationToken.None);
    }

    private static async Task<IReadOnlyList<SigningKeyInfo>> KeysAsync(AuthFlowApiFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISigningKeyStore>().ListAsync(CancellationToken.None);
    }

    private static async Task RefreshAsync(params AuthFlowApiFactory[] instances)
    {
        foreach (var instance in instances)
        {
            await instance.Services.GetRequiredService<ISigningKeyRing>().RefreshAsync(CancellationToken.None);
        }
    }

    private static void Advance(TimeSpan by, params AuthFlowApiFactory[] instances)
    {
        foreach (var instance in instances)
        {
            instance.Clock.Advance(by);
        }
    }

    /// <summary>A token of the service's shape signed by <paramref name="key"/>, valid for a day from the instance's clock.</summary>
    private static string LongLivedToken(AuthFlowApiFactory instance, Session session, SigningCredentials key)
    {
        var now = instance.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestSettings.Issuer,
            Audience = TestSettings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddDays(1),
            TokenType = "at+jwt",
            SigningCredentials = key,
            Claims = new Dictionary<string, object> { ["sub"] = session.UserId.ToString(), ["sid"] = Guid.NewGuid().ToString() },
        });
    }

    private static async Task<IReadOnlyList<string>> JwksKidsAsync(AuthFlowClient api) =>
        new JsonWebKeySet(await api.Http.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid).ToList();

    private static async Task ShouldBeAcceptedAsync(AuthFlowClient api, string accessToken)
    {
        using var response = await api.GetAsync("/api/profile", accessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
