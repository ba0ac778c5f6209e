using AuthFlow.Application.Common.Interfaces;
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
    /// One-time tokens (reset, verification) are 43 characters; the loose bound only keeps huge input away
    /// from the hasher, so that any wrong token gets the same answer.
    /// </summary>
    public const int MaxOneTimeTokenLength = 1024;

    /// <summary>The end of the message for text that is not well-formed; the field name goes in front.</summary>
    public const string MalformedTextReason =
        " must not contain NUL, a lone surrogate or the U+FFFD replacement character (often the sign of a text-encoding error).";

    /// <summary>
    /// An email to look an account up by (login, forgot-password, resend). Looser than <see cref="DeliverableEmail"/>,
    /// so an account registered under an older rule can still sign in. Use in a validator whose
    /// <c>RuleLevelCascadeMode</c> is <c>Stop</c>: later checks assume a value.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .SetValidator(new CodePointLengthValidator<T>(1, User.MaxEmailLength, trim: true, "Email is required.", $"Email must be at most {User.MaxEmailLength} characters."))
            .NoControlCharacters("Email")
            .WellFormedText("Email")
            .Must(e => !e.Trim().Any(char.IsWhiteSpace)).WithMessage("Email must not contain spaces.")
            .EmailAddress().WithMessage("Email is not a valid email address.");

    /// <summary>
    /// An email for a new account (or a changed one): <see cref="ValidEmail"/>, no invisible code point, and a plain
    /// <c>local@domain</c> that a mailer delivers to as typed (see <see cref="EmailAddress"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string> DeliverableEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.ValidEmail()
            .Must(e => IdentityText.FindInvisible(e.Trim()) is null)
                .WithMessage("Email must not contain invisible characters (zero-width spaces, joiners, direction controls).")
            .Must(e => EmailAddress.Canonicalize(e) is { Length: <= User.MaxEmailLength })
                .WithMessage("Email must be a plain address such as name@example.com: no display name, brackets, commas, quotes or comments, and a domain name with a dot.");

    /// <summary>
    /// A username that cannot pass for another: no invisible code point, letters of one script (UTS #39 "Highly
    /// Restrictive", told by ICU's spoof checker), and not written in letters that read as a plain ASCII name.
    /// </summary>
    public static IRuleBuilderOptions<T, string> UnambiguousName<T>(this IRuleBuilder<T, string> rule, string field, IConfusableSkeleton confusables) =>
        rule.Must(v => v is null || IdentityText.FindInvisible(v.Trim()) is null)
                .WithMessage($"{field} must not contain invisible characters (zero-width spaces, joiners, direction controls) or spaces other than a plain space.")
            .Must(v => v is null || confusables.IsHighlyRestrictive(v.Trim()))
                .WithMessage($"{field} must not mix letters of different scripts (such as Latin with Cyrillic or Greek), which can look alike.")
            .Must(v => v is null || !confusables.IsLookAlikeOfAscii(v.Trim()))
                .WithMessage($"{field} must not be spelt with letters that look like plain Latin letters (such as Cyrillic а, е, о, р or Greek ο), which would pass for another name.");

    /// <summary>A one-time token from an email link: present and of a sane size (its value is checked by the handler).</summary>
    public static IRuleBuilderOptions<T, string> OneTimeToken<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Token is required.")
            .MaximumLength(MaxOneTimeTokenLength).WithMessage("Token is too long.");

    /// <summary>
    /// Text that can be stored and logged: see <see cref="IsWellFormed"/>. PostgreSQL cannot encode a lone surrogate,
    /// so without this rule such input would fail only when it reaches the database.
    /// </summary>
    public static IRuleBuilderOptions<T, string> WellFormedText<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Must(v => v is null || IsWellFormed(v)).WithMessage(field + MalformedTextReason);

    /// <summary>No NUL, no unpaired UTF-16 surrogate, no U+FFFD (what a decoder leaves for bytes it could not read).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\0' or '\uFFFD' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>
    /// No character of Unicode category Cc (what <see cref="char.IsControl(char)"/> finds), as a pattern the OpenAPI
    /// document can state. It ends with <c>(?![\s\S])</c> rather than <c>$</c>, which in .NET also matches before a
    /// final newline; both .NET and ECMAScript read it as the end of the text.
    /// </summary>
    public const string NoControlCharactersPattern = @"^[^\u0000-\u001F\u007F-\u009F]*(?![\s\S])";

    public static IRuleBuilderOptions<T, string> NoControlCharacters<T>(this IRuleBuilder<T, string> rule, string field) =>
        rule.Matches(NoControlCharactersPattern).WithMessage($"{field} must not contain control characters.");
}
