using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>The token service with the HS256 key ring; the stored ES256/RS256 keys are covered by the key store and WebApi tests.</summary>
public sealed class JwtTokenServiceTests
{
    private const string Issuer = "https://auth.example.test";
    private const string Audience = "authflow-api-tests";

    // 64 bytes: long enough to sign HS512 with too, so that only the algorithm differs in that test.
    private const string SigningKey = "k7Qe9vXz2LmN4pR8sT1uW3yA5bC6dE0fG7hJ9kL2mN4pQ6rS8tU0vW2xY4zA6bC8";

    private static readonly JwtOptions Settings = new()
    {
        Algorithm = SigningAlgorithms.Hs256,
        Issuer = Issuer,
        Audience = Audience,
        SigningKey = SigningKey,
        AccessTokenMinutes = 20,
        RefreshTokenDays = 9,
        ClockSkewSeconds = 30,
    };

    private static readonly HmacSigningKeyRing Keys = new(Options.Create(Settings));

    private static readonly User Alice = User.Register("alice", "Alice@Example.com", "$2a$04$not-a-real-hash", DateTimeOffset.UtcNow);

    [Test]
    public async Task CreateAccessToken_ProducesATokenTheValidationParametersAccept()
    {
        var token = CreateService().CreateAccessToken(Alice, Guid.NewGuid(), ["pwd"], DateTimeOffset.UtcNow);

        var result = await ValidateAsync(token.Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.True, result.Exception?.Message);
            Assert.That(result.ClaimsIdentity?.Name, Is.EqualTo(Alice.Id.ToString()));
        }
    }

    [Test]
    public void CreateAccessToken_CarriesTheUserSessionIssuerAudienceAndTimes()
    {
        var sessionId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        var jwt = new JsonWebToken(CreateService().CreateAccessToken(Alice, sessionId, ["pwd"], now).Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(jwt.Subject, Is.EqualTo(Alice.Id.ToString()));
            Assert.That(jwt.GetPayloadValue<string>("email"), Is.EqualTo("Alice@Example.com"));
            Assert.That(Guid.TryParse(jwt.Id, out _), Is.True, jwt.Id);
            Assert.That(jwt.GetPayloadValue<string>("sid"), Is.EqualTo(sessionId.ToString()));
            Assert.That(jwt.Issuer, Is.EqualTo(Issuer));
            Assert.That(jwt.Audiences, Is.EqualTo(new[] { Audience }));
            Assert.That(jwt.GetPayloadValue<long>("iat"), Is.EqualTo(now.ToUnixTimeSeconds()));
            Assert.That(jwt.GetPayloadValue<long>("nbf"), Is.EqualTo(now.ToUnixTimeSeconds()));
            Assert.That(jwt.GetPayloadValue<long>("exp"), Is.EqualTo(now.AddMinutes(20).ToUnixTimeSeconds()));
        }
    }

    [Test]
    public void CreateAccessToken_HeaderIsAtJwtSignedWithHs256UnderTheKeyId()
    {
        var jwt = new JsonWebToken(CreateService().CreateAccessToken(Alice, Guid.NewGuid(), ["pwd"], DateTimeOffset.UtcNow).Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(jwt.Typ, Is.EqualTo("at+jwt"));
            Assert.That(jwt.Alg, Is.EqualTo("HS256"));
            Assert.That(jwt.Kid, Is.EqualTo(Keys.GetSigningCredentials(DateTimeOffset.UtcNow).Key.KeyId));
            Assert.That(jwt.Kid, Does.Not.Contain(SigningKey[..8]), "the kid does not reveal the secret");
        }
    }

    [Test]
    public void CreateAccessToken_LivesForAccessTokenMinutes()
    {
        var now = DateTimeOffset.UtcNow;

        var token = CreateService().CreateAccessToken(Alice, Guid.NewGuid(), ["pwd"], now);

        var jwt = new JsonWebToken(token.Value);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat"), Is.EqualTo(20 * 60));
            Assert.That(token.ExpiresInSeconds, Is.EqualTo(20 * 60));
            Assert.That(token.ExpiresAt, Is.EqualTo(now.AddMinutes(20)));
        }
    }

    [Test]
    public void CreateAccessToken_TwiceAtTheSameInstant_GivesDifferentJti()
    {
        var service = CreateService();
        var now = DateTimeOffset.UtcNow;
        var sessionId = Guid.NewGuid();

        var first = new JsonWebToken(service.CreateAccessToken(Alice, sessionId, ["pwd"], now).Value);
        var second = new JsonWebToken(service.CreateAccessToken(Alice, sessionId, ["pwd"], now).Value);

        Assert.That(first.Id, Is.Not.EqualTo(second.Id));
    }

    [Test]
    public async Task Validation_AcceptsAForgedTokenThatDiffersInNothing()
    {
        // The control for the rejections below: each of them changes exactly one thing of this token.
        var result = await ValidateAsync(Forge());

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public async Task Validation_RejectsATokenSignedWithAnotherKeyUnderTheRightKid()
    {
        var token = Forge(signingKey: "another-key-of-sixty-four-bytes-another-key-of-sixty-four-bytes!");

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public async Task Validation_RejectsATokenWithAnotherKid()
    {
        var token = Forge(keyId: "someone-else");

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>());
    }

    [Test]
    public async Task Validation_RejectsATokenWithoutKid()
    {
        var token = Forge(keyId: null);

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>());
    }

    [Test]
    public async Task Validation_RejectsAnHs512TokenSignedWithTheSameKey()
    {
        var token = Forge(algorithm: SecurityAlgorithms.HmacSha512);

        var result = await ValidateAsync(token);

        // The key would verify an HS512 signature (the control below): only the list of valid algorithms keeps it out.
        var widened = JwtTokenService.CreateValidationParameters(Settings, Keys, TimeProvider.System);
        widened.ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha512];
        var control = await new JsonWebTokenHandler().ValidateTokenAsync(token, widened);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidSignatureException>());
            Assert.That(control.IsValid, Is.True, control.Exception?.Message);
        }
    }

    [Test]
    public async Task Validation_RejectsATokenOfTypeJwt()
    {
        var token = Forge(type: "JWT");

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidTypeException>());
    }

    [Test]
    public async Task Validation_RejectsAnotherIssuer()
    {
        var token = Forge(issuer: "https://evil.example.test");

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidIssuerException>());
    }

    [Test]
    public async Task Validation_RejectsAnotherAudience()
    {
        var token = Forge(audience: "some-other-api");

        var result = await ValidateAsync(token);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidAudienceException>());
    }

    [Test]
    public async Task Validation_RejectsATokenExpiredMoreThanTheSkewAgo()
    {
        var issuedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(31);
        var token = CreateService().CreateAccessToken(Alice, Guid.NewGuid(), ["pwd"], issuedAt);

        var result = await ValidateAsync(token.Value);

        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidLifetimeException>());
    }

    [Test]
    public async Task Validation_AcceptsATokenExpiredWithinTheSkew()
    {
        var issuedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(10);
        var token = CreateService().CreateAccessToken(Alice, Guid.NewGuid(), ["pwd"], issuedAt);

        var result = await ValidateAsync(token.Value);

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public void CreateValidationParameters_AllowsThirtySecondsOfSkew()
    {
        var parameters = JwtTokenService.CreateValidationParameters(Settings, Keys, TimeProvider.System);

        Assert.That(parameters.ClockSkew, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void CreateRefreshToken_ValueIs32RandomBytesInBase64Url()
    {
        var secret = CreateService().CreateRefreshToken();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.Value, Does.Match("^[A-Za-z0-9_-]{43}$"));
            Assert.That(Base64Url.DecodeFromChars(secret.Value), Has.Length.EqualTo(32));
        }
    }

    [Test]
    public void CreateRefreshToken_ValuesAreUniqueAcrossAThousandCalls()
    {
        var service = CreateService();

        var values = Enumerable.Range(0, 1000).Select(_ => service.CreateRefreshToken().Value).ToList();

        Assert.That(values, Is.Unique);
    }

    [Test]
    public void CreateRefreshToken_HashIsLowercaseHexSha256OfTheValue()
    {
        var secret = CreateService().CreateRefreshToken();

        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Value))).ToLowerInvariant();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.Hash, Is.EqualTo(expected));
            Assert.That(secret.Hash, Does.Match("^[0-9a-f]{64}$"));
        }
    }

    [Test]
    public void HashRefreshToken_MatchesTheSha256TestVector()
    {
        var hash = CreateService().HashRefreshToken("abc");

        Assert.That(hash, Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Test]
    public void HashRefreshToken_IsDeterministicAcrossInstances()
    {
        var value = CreateService().CreateRefreshToken().Value;

        var first = CreateService().HashRefreshToken(value);
        var second = CreateService().HashRefreshToken(value);

        Assert.That(first, Is.EqualTo(second));
    }

    [Test]
    public void RefreshTokenLifetime_IsRefreshTokenDays()
    {
        Assert.That(CreateService().RefreshTokenLifetime, Is.EqualTo(TimeSpan.FromDays(9)));
    }

    private static JwtTokenService CreateService() => new(Options.Create(Settings), Keys);

    private static Task<TokenValidationResult> ValidateAsync(string token) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, JwtTokenService.CreateValidationParameters(Settings, Keys, TimeProvider.System));

    /// <summary>A token like the service's, signed and labelled as the test chooses; valid for the next ten minutes.</summary>
    private static string Forge(
        string signingKey = SigningKey,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string type = "at+jwt",
        string issuer = Issuer,
        string audience = Audience,
        string? keyId = "")
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = type,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)) { KeyId = keyId == "" ? Keys.GetSigningCredentials(now).Key.KeyId : keyId },
                algorithm),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = Alice.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
                ["sid"] = Guid.NewGuid().ToString(),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
