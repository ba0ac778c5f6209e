using System.Text;

namespace AuthFlow.Domain.Users;

/// <summary>
/// A stand-in for ICU's spoof checker where ICU is missing and <c>Confusables:RequireIcu</c> is false: the mixed-script
/// rule of UTS #39 at its "Highly Restrictive" level, so that a username cannot mix look-alike letters
/// of several scripts (a Cyrillic <c>а</c> among Latin letters): the letters of a username must all come from one
/// script, or from Latin with Han and the Japanese kana, Latin with Han and Bopomofo, or Latin with Han and Hangul.
/// Digits, punctuation and combining marks (Common and Inherited) go with any script. Scripts are told by their
/// Unicode blocks; a letter outside the blocks listed here counts as a script of its own.
/// </summary>
public static class UsernameScripts
{
    private static readonly (int From, int To, string Script)[] Blocks =
    [
        (0x0041, 0x005A, "Latin"), (0x0061, 0x007A, "Latin"), (0x00AA, 0x00AA, "Latin"), (0x00BA, 0x00BA, "Latin"),
        (0x00C0, 0x024F, "Latin"), (0x0250, 0x02AF, "Latin"), (0x1D00, 0x1D7F, "Latin"), (0x1E00, 0x1EFF, "Latin"),
        (0x2C60, 0x2C7F, "Latin"), (0xA720, 0xA7FF, "Latin"), (0xAB30, 0xAB6F, "Latin"),
        (0x0370, 0x03FF, "Greek"), (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"), (0x1C80, 0x1C8F, "Cyrillic"), (0x2DE0, 0x2DFF, "Cyrillic"), (0xA640, 0xA69F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"), (0x0E00, 0x0E7F, "Thai"), (0x10A0, 0x10FF, "Georgian"),
        (0x13A0, 0x13FF, "Cherokee"), (0xAB70, 0xABBF, "Cherokee"),
        (0x1100, 0x11FF, "Hangul"), (0x3130, 0x318F, "Hangul"), (0xAC00, 0xD7AF, "Hangul"),
        (0x3040, 0x309F, "Hiragana"), (0x30A0, 0x30FF, "Katakana"), (0x31F0, 0x31FF, "Katakana"),
        (0x3100, 0x312F, "Bopomofo"), (0x31A0, 0x31BF, "Bopomofo"),
        (0x3400, 0x4DBF, "Han"), (0x4E00, 0x9FFF, "Han"), (0xF900, 0xFAFF, "Han"), (0x20000, 0x3134F, "Han"),
    ];

    private static readonly HashSet<string>[] AllowedMixes =
    [
        ["Latin", "Han", "Hiragana", "Katakana"],
        ["Latin", "Han", "Bopomofo"],
        ["Latin", "Han", "Hangul"],
    ];

    /// <summary>The scripts of the letters of <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> ScriptsOf(string text)
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            var block = Array.Find(Blocks, b => rune.Value >= b.From && rune.Value <= b.To);
            scripts.Add(block.Script ?? $"U+{rune.Value:X4}");
        }

        return scripts;
    }

    /// <summary>True when the letters come from one script or from one of the allowed mixes.</summary>
    public static bool IsSingleScript(string text)
    {
        var scripts = ScriptsOf(text);
        return scripts.Count <= 1 || AllowedMixes.Any(mix => scripts.IsSubsetOf(mix));
    }
}
