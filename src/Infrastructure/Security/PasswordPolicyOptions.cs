using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class PasswordPolicyOptions
{
    public const string SectionName = "PasswordPolicy";

    /// <summary>NIST SP 800-63B-4 allows 8 only where the password is one factor of several.</summary>
    public const int LowestMinLength = 8;

    /// <summary>The longest password accepted, in code points; the minimum may not exceed <see cref="HighestMinLength"/>.</summary>
    public const int MaxLength = 256;

    public const int HighestMinLength = 64;

    /// <summary>The shortest password accepted, counted in Unicode code points.</summary>
    public int MinLength { get; set; } = 12;
}

internal sealed class PasswordPolicyOptionsValidator : IValidateOptions<PasswordPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordPolicyOptions options) =>
        options.MinLength is < PasswordPolicyOptions.LowestMinLength or > PasswordPolicyOptions.HighestMinLength
            ? ValidateOptionsResult.Fail($"PasswordPolicy:MinLength must be between {PasswordPolicyOptions.LowestMinLength} and {PasswordPolicyOptions.HighestMinLength} (was {options.MinLength}).")
            : ValidateOptionsResult.Success;
}
