using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthFlow.Infrastructure.Sessions;

/// <summary>
/// Readiness: this instance hears session revocations. While <see cref="SessionRevocationListener"/> is not
/// listening, sessions ended through another instance would go unnoticed and their access tokens accepted here.
/// </summary>
public sealed class SessionRevocationHealthCheck(SessionRevocationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Not listening for session revocations."));
}
