using System.Diagnostics.Metrics;

namespace AuthFlow.Application.Common;

/// <summary>
/// Counters of the service (meter <c>AuthFlow</c>), for what is too frequent to audit one by one: refresh rotations
/// are counted here, not written to the audit trail.
/// </summary>
public static class AuthFlowMetrics
{
    public const string MeterName = "AuthFlow";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RefreshRotations =
        Meter.CreateCounter<long>("authflow.refresh.rotations", description: "Refresh tokens rotated (each successful refresh).");
}
