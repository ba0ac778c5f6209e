namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Unicode Technical Standard #39 (security mechanisms): the confusable <em>skeleton</em> of a text, equal for two texts
/// that look alike (<c>ѕсоре</c> in Cyrillic and <c>scope</c>; <c>paypal</c> with a Greek <c>ο</c>), and its
/// mixed-script rule.
/// </summary>
public interface IConfusableSkeleton
{
    /// <summary>The UTS #39 skeleton of <paramref name="text"/> (as is: fold it first to ignore case and width).</summary>
    string Skeleton(string text);

    /// <summary>
    /// True when the letters of <paramref name="text"/> come from one script, or from Latin with Han and the Japanese
    /// kana, Han and Bopomofo, or Han and Hangul (UTS #39 "Highly Restrictive").
    /// </summary>
    bool IsHighlyRestrictive(string text);
}
