using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class LoginThrottlingOptions
{
    public const string SectionName = "LoginThrottling";
    public const int MaxDelayCeilingSeconds = 3600;

    /// <summary>Consecutive failures allowed before the back-off starts.</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The first block; each further failure doubles it.</summary>
    public int BaseDelaySeconds { get; set; } = 2;

    /// <summary>The longest block: the back-off stops growing here, so a victim is delayed, never locked out.</summary>
    public int MaxDelaySeconds { get; set; } = 900;

    /// <summary>The block that follows <paramref name="failures"/> consecutive failures; zero while they are free.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var doublings = failures - FreeAttempts - 1;
        if (doublings < 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = doublings >= 30 ? MaxDelaySeconds : Math.Min((long)BaseDelaySeconds << doublings, MaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}

internal sealed class LoginThrottlingOptionsValidator : IValidateOptions<LoginThrottlingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginThrottlingOptions options)
    {
        var failures = new List<string>();
        if (options.FreeAttempts is < 1 or > 100)
        {
            failures.Add($"LoginThrottling:FreeAttempts must be between 1 and 100 (was {options.FreeAttempts}).");
        }

        if (options.BaseDelaySeconds is < 1 or > 60)
        {
            failures.Add($"LoginThrottling:BaseDelaySeconds must be between 1 and 60 (was {options.BaseDelaySeconds}).");
        }

        if (options.MaxDelaySeconds < options.BaseDelaySeconds || options.MaxDelaySeconds > LoginThrottlingOptions.MaxDelayCeilingSeconds)
        {
            failures.Add($"LoginThrottling:MaxDelaySeconds must be between LoginThrottling:BaseDelaySeconds and {LoginThrottlingOptions.MaxDelayCeilingSeconds} (was {options.MaxDelaySeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
