using FluentValidation;

namespace AuthFlow.Application.Mfa.Common;

/// <summary>Field rules for second-factor codes.</summary>
public static class MfaRules
{
    /// <summary>Recovery codes are 11 characters (<c>xxxxx-xxxxx</c>); the bound only keeps junk away from the hasher.</summary>
    public const int MaxRecoveryCodeLength = 64;

    /// <summary>Six digits, as authenticator apps show them.</summary>
    public static IRuleBuilderOptions<T, string> TotpCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Code is required.")
            .Matches("^[0-9]{6}$").WithMessage("Code must be the 6 digits the authenticator app shows.");

    /// <summary>An optional TOTP code: when present, six digits.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalTotpCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^[0-9]{6}$").WithMessage("Code must be the 6 digits the authenticator app shows.");

    public static IRuleBuilderOptions<T, string?> OptionalRecoveryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(MaxRecoveryCodeLength).WithMessage("Recovery code is too long.");
}
