using System.Globalization;

namespace AuthFlow.Domain.Users;

/// <summary>
/// The addresses AuthFlow accepts for a new account: a plain <c>local@domain</c> that a mailer delivers to as typed.
/// <list type="bullet">
/// <item>The local part is a dot-atom: letters, digits (any script) and <c>! # $ % &amp; ' * + - / = ? ^ _ ` { | } ~</c>,
/// in dot-separated runs, at most 64 bytes. No display name, angle brackets, square brackets, commas, quotes,
/// parentheses (comments), spaces or invisible code points.</item>
/// <item>The domain is a host name of at least two labels; an internationalised one (IDN) is stored in its ASCII
/// form (<c>bücher.example</c> becomes <c>xn--bcher-kva.example</c>). No address literals (<c>[127.0.0.1]</c>).</item>
/// </list>
/// </summary>
public static class EmailAddress
{
    public const int MaxLocalPartBytes = 64;

    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>
    /// The address to store and mail to, or null when it is not such an address: trimmed, an ASCII domain as typed
    /// (so the address is returned as the user wrote it), an internationalised domain in its ASCII form.
    /// </summary>
    public static string? Canonicalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trimmed = input.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return null;
        }

        var local = trimmed[..at];
        var typed = trimmed[(at + 1)..];
        if (AsciiDomain(typed) is not { } ascii || !IsDotAtom(local))
        {
            return null;
        }

        return $"{local}@{(System.Text.Ascii.IsValid(typed) ? typed : ascii)}";
    }

    /// <summary>
    /// The uniqueness and lookup key: <see cref="IdentityText.Fold"/> of the local part and of the domain in its
    /// Unicode form, so an IDN domain typed either way finds the same account. Never throws on loose input.
    /// </summary>
    public static string NormalizedKey(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trimmed = input.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || AsciiDomain(trimmed[(at + 1)..]) is not { } ascii)
        {
            return IdentityText.Fold(trimmed);
        }

        return IdentityText.Fold(trimmed[..at]) + "@" + IdentityText.Fold(Idn.GetUnicode(ascii));
    }

    private static string? AsciiDomain(string domain)
    {
        if (domain.EndsWith('.') || IdentityText.FindInvisible(domain) is not null)
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        return ascii.Length <= 253 && labels.Length >= 2 && labels.All(IsHostLabel) && !labels[^1].All(char.IsAsciiDigit)
            ? ascii
            : null;
    }

    private static bool IsHostLabel(string label) =>
        label.Length is >= 1 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsDotAtom(string local)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(local) > MaxLocalPartBytes || local.StartsWith('.') || local.EndsWith('.')
            || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var rune in local.EnumerateRunes())
        {
            var ok = rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '.' || AtextSymbols.Contains((char)rune.Value, StringComparison.Ordinal)
                : System.Text.Rune.IsLetterOrDigit(rune) || System.Text.Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
