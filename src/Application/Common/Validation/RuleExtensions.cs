using System.Text;
using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Common.Validation;

/// <summary>Field rules shared by several use cases.</summary>
public static class RuleExtensions
{
    /// <summary>
    /// Refresh tokens are 43 characters. The bound is loose on purpose: an access token sent by mistake
    /// should get the same 401 as any other wrong token, not a validation error.
    /// </summary>
    public const int MaxRefreshTokenLength = 4096;

    /// <summary>
    /// bcrypt reads only the first 72 bytes of a password. Longer passwords are refused at registration and
    /// never match at login, rather than being silently cut.
    /// </summary>
    public const int MaxPasswordBytes = 72;

    /// <summary>The shortest new password, counted in Unicode code points.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>
    /// One-time tokens (reset, verification) are 43 characters; the loose bound only keeps huge input away
    /// from the hasher, so that any wrong token gets the same answer.
    /// </summary>
    public const int MaxOneTimeTokenLength = 1024;

    /// <summary>Upper bound on what login accepts, so a huge body never reaches the hasher.</summary>
    public const int MaxPasswordInputLength = 1024;

    /// <summary>Use in a validator whose <c>RuleLevelCascadeMode</c> is <c>Stop</c>: later checks assume a value.</summary>
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .Must(e => e.Trim().Length <= User.MaxEmailLength).WithMessage($"Email must be at most {User.MaxEmailLength} characters.")
            .Must(e => !e.Any(char.IsControl)).WithMessage("Email must not contain control characters.")
            .Must(e => !e.Trim().Any(char.IsWhiteSpace)).WithMessage("Email must not contain spaces.")
            .EmailAddress().WithMessage("Email is not a valid email address.");

    /// <summary>
    /// The policy for a password being set (registration, reset). Login never applies it, so that a policy change
    /// cannot lock out an account. Use in a validator whose <c>RuleLevelCascadeMode</c> is <c>Stop</c>.
    /// </summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .Must(p => p.EnumerateRunes().Count() >= MinPasswordLength)
                .WithMessage($"Password must be at least {MinPasswordLength} characters.")
            .Must(p => Encoding.UTF8.GetByteCount(p) <= MaxPasswordBytes)
                .WithMessage($"Password must be at most {MaxPasswordBytes} bytes in UTF-8.")
            .Must(p => !p.Contains('\0', StringComparison.Ordinal))
                .WithMessage("Password must not contain NUL characters.");

    /// <summary>A one-time token from an email link: present and of a sane size (its value is checked by the handler).</summary>
    public static IRuleBuilderOptions<T, string> OneTimeToken<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Token is required.")
            .MaximumLength(MaxOneTimeTokenLength).WithMessage("Token is too long.");

    public static IRuleBuilderOptions<T, string> NoControlCharacters<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Must(v => v is null || !v.Any(char.IsControl)).WithMessage($"{field} must not contain control characters.");
}
