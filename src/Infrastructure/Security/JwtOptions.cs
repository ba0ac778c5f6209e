using System.Text;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinSigningKeyBytes = 32;

    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>HS256 key, at least 32 bytes in UTF-8. There is no default: it must come from the environment.</summary>
    public string SigningKey { get; set; } = "";

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 7;

    /// <summary>Tolerance for clocks that disagree, when checking <c>exp</c> and <c>nbf</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 30;
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

        if (Encoding.UTF8.GetByteCount(options.SigningKey ?? "") < JwtOptions.MinSigningKeyBytes)
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
