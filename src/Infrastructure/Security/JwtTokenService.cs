using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// Issues HS256 access tokens (<c>typ: at+jwt</c>) and opaque refresh tokens. The validation side lives in
/// <see cref="CreateValidationParameters"/> so that what is issued and what is accepted cannot drift apart.
/// </summary>
public sealed class JwtTokenService : ITokenService
{
    public const string AccessTokenType = "at+jwt";
    public const string SessionIdClaim = "sid";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly JwtOptions _options;
    private readonly SigningCredentials _signingCredentials;

    public JwtTokenService(IOptions<JwtOptions> options)
    {
        _options = options.Value;
        _signingCredentials = new SigningCredentials(CreateSigningKey(_options), SecurityAlgorithms.HmacSha256);
    }

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(_options.RefreshTokenDays);

    public AccessToken CreateAccessToken(User user, Guid sessionId, DateTimeOffset now)
    {
        var lifetime = TimeSpan.FromMinutes(_options.AccessTokenMinutes);
        var expiresAt = now + lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = AccessTokenType,
            SigningCredentials = _signingCredentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7(now).ToString(),
                [SessionIdClaim] = sessionId.ToString(),
            },
        };

        return new AccessToken(Handler.CreateToken(descriptor), expiresAt, (int)lifetime.TotalSeconds);
    }

    public RefreshTokenSecret CreateRefreshToken()
    {
        var value = OpaqueTokens.NewValue();
        return new RefreshTokenSecret(value, HashRefreshToken(value));
    }

    public string HashRefreshToken(string value) => OpaqueTokens.Hash(value);

    /// <summary>What the bearer middleware accepts: our issuer and audience, HS256 only, at+jwt only, a tight skew.</summary>
    public static TokenValidationParameters CreateValidationParameters(JwtOptions options) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = CreateSigningKey(options),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [AccessTokenType],
        ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        NameClaimType = JwtRegisteredClaimNames.Sub,
    };

    private static SymmetricSecurityKey CreateSigningKey(JwtOptions options) =>
        new(Encoding.UTF8.GetBytes(options.SigningKey));
}
