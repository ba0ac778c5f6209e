using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.RateLimiting;

/// <summary>A fixed window: <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>, no queue.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public FixedWindowRateLimiterOptions ToLimiterOptions() => new()
    {
        PermitLimit = PermitLimit,
        Window = TimeSpan.FromSeconds(WindowSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>The <c>RateLimiting</c> section: one <see cref="RateLimitRule"/> per policy name.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public Dictionary<string, RateLimitRule> Policies { get; } = RateLimitPolicies.Defaults();
}

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        foreach (var (policy, rule) in options.Policies)
        {
            if (!RateLimitPolicies.Defaults().ContainsKey(policy))
            {
                failures.Add($"RateLimiting:{policy} is not a rate-limit policy (known: {string.Join(", ", RateLimitPolicies.Defaults().Keys)}).");
            }

            if (rule.PermitLimit < 1)
            {
                failures.Add($"RateLimiting:{policy}:PermitLimit must be at least 1 (was {rule.PermitLimit}).");
            }

            if (rule.WindowSeconds is < 1 or > 86_400)
            {
                failures.Add($"RateLimiting:{policy}:WindowSeconds must be between 1 and 86400 (was {rule.WindowSeconds}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
