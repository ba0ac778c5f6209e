using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Persistence.Retention;

/// <summary>How long finished rows are kept before <see cref="DataRetention"/> deletes them, and how often it runs.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Days a finished row is kept: an ended session (with its refresh tokens), a used or expired one-time token, a sent
    /// or failed email, a login-failure count untouched since. Counted from when the row's work ended (for an idle
    /// session: from the end of its idle timeout), so a live session and its tokens are never deleted.
    /// </summary>
    public int Days { get; set; } = 30;

    public int IntervalMinutes { get; set; } = 60;
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.Days is < 1 or > 3650)
        {
            failures.Add($"Retention:Days must be between 1 and 3650 (was {options.Days}).");
        }

        if (options.IntervalMinutes is < 1 or > 1440)
        {
            failures.Add($"Retention:IntervalMinutes must be between 1 and 1440 (was {options.IntervalMinutes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
