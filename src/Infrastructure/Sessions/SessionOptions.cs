using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Sessions;

public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>A session unused for this many minutes ends (default 7 days).</summary>
    public int IdleTimeoutMinutes { get; set; } = 7 * 24 * 60;

    /// <summary>A session ends this many hours after its login (default 30 days).</summary>
    public int AbsoluteLifetimeHours { get; set; } = 30 * 24;

    /// <summary>For this many seconds after a rotation, the rotated refresh token gets the same successor again.</summary>
    public int RefreshReuseGraceSeconds { get; set; } = 10;
}

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public const int MaxIdleTimeoutMinutes = 365 * 24 * 60;
    public const int MaxAbsoluteLifetimeHours = 365 * 24;
    public const int MaxRefreshReuseGraceSeconds = 60;

    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeoutMinutes is < 1 or > MaxIdleTimeoutMinutes)
        {
            failures.Add($"Sessions:IdleTimeoutMinutes must be between 1 and {MaxIdleTimeoutMinutes}.");
        }

        if (options.AbsoluteLifetimeHours is < 1 or > MaxAbsoluteLifetimeHours)
        {
            failures.Add($"Sessions:AbsoluteLifetimeHours must be between 1 and {MaxAbsoluteLifetimeHours}.");
        }
        else if (TimeSpan.FromMinutes(options.IdleTimeoutMinutes) > TimeSpan.FromHours(options.AbsoluteLifetimeHours))
        {
            failures.Add("Sessions:IdleTimeoutMinutes must not exceed Sessions:AbsoluteLifetimeHours.");
        }

        if (options.RefreshReuseGraceSeconds is < 0 or > MaxRefreshReuseGraceSeconds)
        {
            failures.Add($"Sessions:RefreshReuseGraceSeconds must be between 0 and {MaxRefreshReuseGraceSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The validated <see cref="SessionOptions"/> as the application reads them.</summary>
internal sealed class SessionPolicy(IOptions<SessionOptions> options) : ISessionPolicy
{
    public TimeSpan IdleTimeout { get; } = TimeSpan.FromMinutes(options.Value.IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime { get; } = TimeSpan.FromHours(options.Value.AbsoluteLifetimeHours);

    public TimeSpan RefreshReuseGrace { get; } = TimeSpan.FromSeconds(options.Value.RefreshReuseGraceSeconds);
}
