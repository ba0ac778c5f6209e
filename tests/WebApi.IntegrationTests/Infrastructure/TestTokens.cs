using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>Mints access tokens the way an attacker or a misconfigured peer might, to probe the bearer checks.</summary>
public static class TestTokens
{
    /// <summary>The key the service signs with right now (its private half, as only the service holds it).</summary>
    public static SigningCredentials ServiceKey(AuthFlowApiFactory factory) =>
        factory.Services.GetRequiredService<ISigningKeyRing>().GetSigningCredentials(factory.Clock.GetUtcNow());

    /// <summary>A token like the service's own, for <paramref name="session"/>; <paramref name="change"/> alters it.</summary>
    public static string Mint(AuthFlowApiFactory factory, Session session, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TestSettings.Issuer,
            Audience = TestSettings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            TokenType = "at+jwt",
            SigningCredentials = ServiceKey(factory),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = session.UserId.ToString(),
                ["sid"] = Guid.CreateVersion7().ToString(),
                ["jti"] = Guid.NewGuid().ToString(),
            },
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The payload of a valid token for <paramref name="session"/>, as JSON.</summary>
    public static string Payload(Session session)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = TestSettings.Issuer,
            ["aud"] = TestSettings.Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
            ["sub"] = session.UserId.ToString(),
            ["sid"] = Guid.CreateVersion7().ToString(),
            ["jti"] = Guid.NewGuid().ToString(),
        });
    }

    /// <summary>A compact JWS made by hand: any header, any payload, any signature over them.</summary>
    public static string Raw(string headerJson, string payloadJson, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Base64Url(headerJson)}.{Base64Url(payloadJson)}";
        return $"{signingInput}.{Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>An ES256 signature (r || s) by <paramref name="key"/>.</summary>
    public static Func<byte[], byte[]> Es256(ECDsa key) => input => key.SignData(input, HashAlgorithmName.SHA256);

    /// <summary>The private half of the service's current ES256 key.</summary>
    public static ECDsa ServiceEcdsa(AuthFlowApiFactory factory) => ((ECDsaSecurityKey)ServiceKey(factory).Key).ECDsa;

    public static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
