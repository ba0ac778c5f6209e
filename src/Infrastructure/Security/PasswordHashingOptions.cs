using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";
    public const int MinWorkFactor = 4;
    public const int MaxWorkFactor = 31;

    /// <summary>bcrypt cost: each step doubles the time of a hash. 12 takes about 250 ms on one core.</summary>
    public int WorkFactor { get; set; } = 12;
}

internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options) =>
        options.WorkFactor is < PasswordHashingOptions.MinWorkFactor or > PasswordHashingOptions.MaxWorkFactor
            ? ValidateOptionsResult.Fail($"PasswordHashing:WorkFactor must be between {PasswordHashingOptions.MinWorkFactor} and {PasswordHashingOptions.MaxWorkFactor} (was {options.WorkFactor}).")
            : ValidateOptionsResult.Success;
}
