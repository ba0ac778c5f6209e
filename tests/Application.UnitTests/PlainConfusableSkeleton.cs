using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Application.UnitTests;

/// <summary>A stand-in for ICU's spoof checker where look-alikes are not the point: every text is its own skeleton.</summary>
internal sealed class PlainConfusableSkeleton : IConfusableSkeleton
{
    public string Skeleton(string text) => text;

    public bool IsHighlyRestrictive(string text) => true;
}
