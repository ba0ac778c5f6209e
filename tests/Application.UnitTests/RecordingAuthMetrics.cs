using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Application.UnitTests;

/// <summary>Keeps the outcomes a handler reported, in order.</summary>
internal sealed class RecordingAuthMetrics : IAuthMetrics
{
    public List<LoginOutcome> Logins { get; } = [];

    public List<RefreshOutcome> Refreshes { get; } = [];

    public void LoginAttempted(LoginOutcome outcome) => Logins.Add(outcome);

    public void RefreshAttempted(RefreshOutcome outcome) => Refreshes.Add(outcome);
}
