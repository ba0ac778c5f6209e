using System.Globalization;
using System.Text;

namespace AuthFlow.Domain.Users;

/// <summary>
/// The Unicode profile for names that identify accounts (emails, usernames), after PRECIS (RFC 8264/8265):
/// <list type="bullet">
/// <item>Compared by <see cref="Fold"/>: NFKC, then case folding (upper then lower case, invariant, plus the dotless
/// and dotted i and the final sigma), then NFKC again,
/// so fullwidth letters, the Kelvin sign, the long s, dotless i, capital I with dot and decomposed accents all
/// compare equal to their plain forms.</item>
/// <item>Refused when they hold an invisible code point (<see cref="FindInvisible"/>): default-ignorable code points
/// such as zero-width spaces and joiners, bidi controls, variation selectors, other format characters, and any space
/// other than U+0020.</item>
/// </list>
/// </summary>
public static class IdentityText
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compatible = text.Trim().Normalize(NormalizationForm.FormKC);
        var folded = compatible.ToUpperInvariant().ToLowerInvariant();
        // Full case folding that invariant casing leaves out: dotless i and capital I with dot fold to i (as in the
        // Turkic folding), and a final sigma to sigma.
        if (folded.AsSpan().IndexOfAny('\u0131', '\u0130', '\u03C2') >= 0 || folded.Contains('\u0307', StringComparison.Ordinal))
        {
            folded = folded.Replace('\u0131', 'i').Replace('\u0130', 'i').Replace('\u03C2', '\u03C3')
                .Replace("i\u0307", "i", StringComparison.Ordinal);
        }

        return folded.Normalize(NormalizationForm.FormKC);
    }

    /// <summary>The first invisible code point of <paramref name="text"/> (as U+XXXX), or null when there is none.</summary>
    public static string? FindInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                return $"U+{rune.Value:X4}";
            }
        }

        return null;
    }

    public static bool IsInvisible(Rune rune)
    {
        var value = rune.Value;
        if (value == ' ')
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.PrivateUse
            or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
        {
            return true;
        }

        // Default_Ignorable_Code_Point (DerivedCoreProperties.txt) that are not format characters.
        return value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or (>= 0x180B and <= 0x180F) or 0x3164
            or (>= 0xFE00 and <= 0xFE0F) or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1D173 and <= 0x1D17A)
            or (>= 0xE0000 and <= 0xE0FFF) or 0x2800;
    }
}
