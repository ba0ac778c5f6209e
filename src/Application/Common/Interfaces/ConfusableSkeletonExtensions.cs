using System.Text;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>The look-alike rules of AuthFlow, built on <see cref="IConfusableSkeleton"/>.</summary>
public static class ConfusableSkeletonExtensions
{
    /// <summary>
    /// The look-alike key of an email: the skeleton of its key (<see cref="User.NormalizeEmail"/>: NFKC, case folded,
    /// the domain in Unicode), local part and domain alike. Two addresses with one skeleton cannot both hold an account.
    /// </summary>
    public static string EmailSkeleton(this IConfusableSkeleton confusables, string email) =>
        confusables.Skeleton(User.NormalizeEmail(email));

    /// <summary>
    /// True when a name written with characters beyond ASCII reads as a plain ASCII name: after folding it is not ASCII,
    /// but its skeleton is. That is the whole-script look-alike (<c>ѕсоре</c>, all Cyrillic, for <c>scope</c>) and the
    /// same-script one (<c>pɑypal</c> with a Latin alpha); <c>josé</c> or <c>Дмитрий</c> keep letters of their own.
    /// </summary>
    public static bool IsLookAlikeOfAscii(this IConfusableSkeleton confusables, string name)
    {
        var folded = IdentityText.Fold(name);
        return !Ascii.IsValid(folded) && Ascii.IsValid(confusables.Skeleton(folded));
    }

    /// <summary>A name that cannot pass for another: one script (UTS #39 "Highly Restrictive") and no look-alike of an ASCII name.</summary>
    public static bool IsUnambiguousName(this IConfusableSkeleton confusables, string name) =>
        confusables.IsHighlyRestrictive(name) && !confusables.IsLookAlikeOfAscii(name);
}
