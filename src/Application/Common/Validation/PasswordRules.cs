using AuthFlow.Application.Common.Interfaces;
using FluentValidation;

namespace AuthFlow.Application.Common.Validation;

/// <summary>Password rules for validators; the policy itself is <see cref="IPasswordPolicy"/>.</summary>
public static class PasswordRules
{
    /// <summary>Upper bound on what login accepts, so a huge body never reaches the hasher.</summary>
    public const int MaxPasswordInputLength = 1024;

    /// <summary>
    /// A new password: required, then the whole <paramref name="policy"/>, told the account's email and username when
    /// the command carries them. Use in a validator whose <c>RuleLevelCascadeMode</c> is <c>Stop</c>.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> NewPassword<T>(
        this IRuleBuilder<T, string> rule,
        IPasswordPolicy policy,
        Func<T, string?>? email = null,
        Func<T, string?>? username = null) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .WellFormedText("Password")
            .SetValidator(new CodePointLengthValidator<T>(policy.MinLength, policy.MaxLength, trim: false, TooShortMessage(policy.MinLength), TooLongMessage(policy.MaxLength)))
            .Custom((password, context) =>
            {
                var command = context.InstanceToValidate;
                foreach (var reason in policy.Check(password, email?.Invoke(command), username?.Invoke(command)))
                {
                    context.AddFailure(reason);
                }
            });

    /// <summary>
    /// A password offered to be checked (login): no policy, only well-formed text of bounded size. NUL and lone
    /// surrogates are refused with a reason rather than reaching the hasher.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ExistingPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .MaximumLength(MaxPasswordInputLength).WithMessage($"Password must be at most {MaxPasswordInputLength} characters.")
            .WellFormedText("Password");

    public static string TooShortMessage(int minLength) => $"Password must be at least {minLength} characters.";

    public static string TooLongMessage(int maxLength) => $"Password must be at most {maxLength} characters.";

    public const string MalformedMessage = "Password" + RuleExtensions.MalformedTextReason;
}
