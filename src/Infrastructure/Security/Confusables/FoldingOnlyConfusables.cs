using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;

namespace AuthFlow.Infrastructure.Security.Confusables;

/// <summary>
/// What stands in for ICU when <c>Confusables:RequireIcu</c> is false and ICU is missing: every text is its own skeleton
/// (so only NFKC and case folding tell look-alikes apart), and scripts are told by Unicode blocks.
/// </summary>
internal sealed class FoldingOnlyConfusables : IConfusableSkeleton
{
    public string Skeleton(string text) => text;

    public bool IsHighlyRestrictive(string text) => UsernameScripts.IsSingleScript(text);
}
