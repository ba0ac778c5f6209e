using System.Globalization;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// NIST SP 800-63B-4 section 3.1.1.2 and OWASP ASVS 5.0 V6.2: a length range in code points, any characters, no
/// composition rules, and no password from a list of common ones or made of the account's own identifiers.
/// </summary>
internal sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options, CommonPasswords commonPasswords) : IPasswordPolicy
{
    /// <summary>Shorter identifiers (an email "al@...") would forbid too many good passwords to be worth it.</summary>
    private const int MinIdentifierLength = 4;

    private static readonly string[] ServiceWords = ["authflow"];

    public int MinLength => options.Value.MinLength;

    public int MaxLength => PasswordPolicyOptions.MaxLength;

    public IReadOnlyList<string> Check(string password, string? email = null, string? username = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!RuleExtensions.IsWellFormed(password))
        {
            return [PasswordRules.MalformedMessage];
        }

        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return [PasswordRules.TooShortMessage(MinLength)];
        }

        if (length > MaxLength)
        {
            return [PasswordRules.TooLongMessage(MaxLength)];
        }

        var lower = password.ToLowerInvariant();
        if (commonPasswords.Contains(lower) || commonPasswords.Contains(RemoveSpaces(lower)))
        {
            return ["This password is one of the most commonly used passwords. Choose a longer phrase of unrelated words."];
        }

        var core = TrimNonLetters(lower);
        if (core.Length >= MinIdentifierLength && core.Length < lower.Length && commonPasswords.Contains(core))
        {
            return ["This password is a common password with digits or symbols added. Choose a longer phrase of unrelated words."];
        }

        if (IsRepetition(lower))
        {
            return ["Password must not be one character or one short sequence repeated. Choose a longer phrase of unrelated words."];
        }

        var identifiers = Identifiers(email, username).ToList();
        if (identifiers.Exists(id => lower.Contains(id, StringComparison.Ordinal)))
        {
            return ["Password must not contain your username, your email address or the service's name."];
        }

        return [];
    }

    /// <summary>"password123!" becomes "password": what is left inside the digits and symbols around a word.</summary>
    private static string TrimNonLetters(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && !char.IsLetter(value[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetter(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    private static string RemoveSpaces(string value) => string.Concat(value.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "qwertyqwerty": the whole password is one unit written twice or more.</summary>
    private static bool IsRepetition(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            if (value.Length % unit == 0 && string.Concat(Enumerable.Repeat(value[..unit], value.Length / unit)) == value)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Identifiers(string? email, string? username)
    {
        var localPart = email?.Trim().Split('@')[0];
        return new[] { localPart, username?.Trim(), email?.Trim() }
            .Concat(ServiceWords)
            .Where(id => id is { Length: >= MinIdentifierLength })
            .Select(id => id!.ToLower(CultureInfo.InvariantCulture));
    }
}
