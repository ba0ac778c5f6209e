using System.Text;
using AuthFlow.Infrastructure.Security.Keys;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinSigningKeyBytes = 32;

    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>The JWS algorithm of access tokens: ES256 (default) or RS256 with keys the service stores, or HS256 with <see cref="SigningKey"/>.</summary>
    public string Algorithm { get; set; } = SigningAlgorithms.Es256;

    /// <summary>HS256 key, at least 32 bytes in UTF-8; used only when <see cref="Algorithm"/> is HS256. There is no default.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Base64 of 32 bytes: the AES-256-GCM key that encrypts the stored private keys (ES256 and RS256).</summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>Rotation and publication of the stored keys.</summary>
    public SigningKeyOptions Keys { get; set; } = new();

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>Tolerance for clocks that disagree, when checking <c>exp</c> and <c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// The public address of this service (e.g. <c>https://auth.example.com</c>), which the discovery document names the
    /// JWKS under. Unset: taken from each request's scheme and Host header, which a shared cache could be poisoned with.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>True when the keys are generated, stored and rotated by the service (ES256, RS256).</summary>
    public bool UsesStoredKeys => Algorithm is SigningAlgorithms.Es256 or SigningAlgorithms.Rs256;

    /// <summary>How long after a key stops signing a token it signed may still be presented: token lifetime plus skew.</summary>
    public TimeSpan LastTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes) + TimeSpan.FromSeconds(ClockSkewSeconds);
}

/// <summary>The <c>Jwt:Keys</c> section: when stored keys rotate and how long a new key is published before it signs.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>How long the JWKS may be cached (<c>Cache-Control: max-age</c>); the publish lead time is longer.</summary>
    public const int JwksMaxAgeSeconds = 300;

    public int RotationDays { get; set; } = 30;

    /// <summary>A new key is in the JWKS this long before it signs, so that every instance and every JWKS cache knows it.</summary>
    public int PublishLeadMinutes { get; set; } = 60;

    /// <summary>How often each instance reloads the key set from the database.</summary>
    public int RefreshSeconds { get; set; } = 30;
}

/// <summary>The algorithms <c>Jwt:Algorithm</c> accepts.</summary>
public static class SigningAlgorithms
{
    public const string Es256 = "ES256";
    public const string Rs256 = "RS256";
    public const string Hs256 = "HS256";
}

internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Jwt:Issuer is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Jwt:Audience is not set.");
        }

        if (options.Algorithm is not (SigningAlgorithms.Es256 or SigningAlgorithms.Rs256 or SigningAlgorithms.Hs256))
        {
            failures.Add("Jwt:Algorithm must be ES256, RS256 or HS256.");
        }

        if (options.UsesStoredKeys && !KeyEncryption.IsValidKey(options.KeyEncryptionKey))
        {
            failures.Add($"Jwt:KeyEncryptionKey must be set to {KeyEncryption.KeyBytes} random bytes in base64 when Jwt:Algorithm is {options.Algorithm} (for example: openssl rand -base64 32).");
        }

        if (options.Algorithm == SigningAlgorithms.Hs256 && Encoding.UTF8.GetByteCount(options.SigningKey ?? "") < JwtOptions.MinSigningKeyBytes)
        {
            failures.Add($"Jwt:SigningKey must be set to a secret of at least {JwtOptions.MinSigningKeyBytes} bytes (for example: openssl rand -base64 48).");
        }

        if (options.AccessTokenMinutes is < 1 or > 60)
        {
            failures.Add("Jwt:AccessTokenMinutes must be between 1 and 60.");
        }

        if (options.RefreshTokenDays is < 1 or > 365)
        {
            failures.Add("Jwt:RefreshTokenDays must be between 1 and 365.");
        }

        if (options.ClockSkewSeconds is < 0 or > 30)
        {
            failures.Add("Jwt:ClockSkewSeconds must be between 0 and 30.");
        }

        if (options.PublicBaseUrl.Length > 0
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicUrl) && publicUrl.Scheme is "http" or "https"
                 && publicUrl.Query.Length == 0 && publicUrl.Fragment.Length == 0))
        {
            failures.Add("Jwt:PublicBaseUrl must be an absolute http(s) URL without query or fragment, such as https://auth.example.com.");
        }

        if (options.Keys.RotationDays is < 1 or > 365)
        {
            failures.Add("Jwt:Keys:RotationDays must be between 1 and 365.");
        }

        // The lead must outlast a JWKS cache entry plus one reload of every instance.
        if (options.Keys.PublishLeadMinutes is < 10 or > 1440)
        {
            failures.Add("Jwt:Keys:PublishLeadMinutes must be between 10 and 1440.");
        }

        if (options.Keys.RefreshSeconds is < 1 or > 300)
        {
            failures.Add("Jwt:Keys:RefreshSeconds must be between 1 and 300.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
