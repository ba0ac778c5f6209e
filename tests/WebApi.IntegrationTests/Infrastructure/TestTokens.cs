using System.Text;
using AuthFlow.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>Mints access tokens the way an attacker or a misconfigured peer might, to probe the bearer checks.</summary>
public static class TestTokens
{
    public static SigningCredentials ServiceKey { get; } =
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestSettings.SigningKey)), SecurityAlgorithms.HmacSha256);

    /// <summary>A token like the service's own, for <paramref name="session"/>; <paramref name="change"/> alters it.</summary>
    public static string Mint(Session session, Action<SecurityTokenDescriptor>? change = null)
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
            SigningCredentials = ServiceKey,
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

    public static string Base64Url(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
