using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// Issues access tokens (<c>typ: at+jwt</c>, signed by the key ring's current key, which names itself in <c>kid</c>)
/// and opaque refresh tokens. The validation side lives in
/// <see cref="CreateValidationParameters"/> so that what is issued and what is accepted cannot drift apart.
/// </summary>
public sealed class JwtTokenService(IOptions<JwtOptions> options, ISigningKeyRing keys) : ITokenService
{
    public const string AccessTokenType = "at+jwt";
    public const string SessionIdClaim = "sid";
    public const string AuthenticationMethodsClaim = "amr";

    /// <summary>The caller's role names, as a JSON array (RFC 9068, section 2.2.3.1); empty when the user holds none.</summary>
    public const string RolesClaim = "roles";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly JwtOptions _options = options.Value;

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromDays(_options.RefreshTokenDays);

    public AccessToken CreateAccessToken(User user, Guid sessionId, IReadOnlyCollection<string> authenticationMethods, DateTimeOffset now) =>
        CreateAccessToken(AccessTokenSubject.Of(user), sessionId, authenticationMethods, now);

    public AccessToken CreateAccessToken(AccessTokenSubject subject, Guid sessionId, IReadOnlyCollection<string> authenticationMethods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
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
            SigningCredentials = keys.GetSigningCredentials(now),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject.UserId.ToString(),
                [JwtRegisteredClaimNames.Email] = subject.Email,
                [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7(now).ToString(),
                [SessionIdClaim] = sessionId.ToString(),
                // RFC 8176: always a JSON array, even of one value.
                [AuthenticationMethodsClaim] = authenticationMethods.ToArray(),
                [RolesClaim] = subject.RoleNames.ToArray(),
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

    /// <summary>
    /// What the bearer middleware accepts: our issuer and audience, the configured algorithm only, at+jwt only, a tight
    /// skew, and only a key of the ring named by <c>kid</c>. Keys the token carries or points at (<c>jwk</c>, <c>jku</c>,
    /// <c>x5u</c>, <c>x5c</c>) are never looked at.
    /// </summary>
    public static TokenValidationParameters CreateValidationParameters(JwtOptions options, ISigningKeyRing keys, TimeProvider clock) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ResolveVerificationKeys(keyId, clock.GetUtcNow()),
        TryAllIssuerSigningKeys = false,
        // exp and nbf are judged on the application's clock, as key retirement is.
        LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters.ClockSkew, clock.GetUtcNow()),
        ValidAlgorithms = [options.Algorithm],
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

    /// <summary>The framework's rule on a given clock: <c>exp</c> required, not past by more than the skew; <c>nbf</c> not ahead by more.</summary>
    internal static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, DateTimeOffset now)
    {
        if (expires is not { } exp)
        {
            return false;
        }

        var utcNow = now.UtcDateTime;
        var nbf = notBefore?.ToUniversalTime();
        return exp.ToUniversalTime() + skew >= utcNow
            && (nbf is null || (nbf.Value - skew <= utcNow && nbf.Value <= exp.ToUniversalTime()));
    }
}
