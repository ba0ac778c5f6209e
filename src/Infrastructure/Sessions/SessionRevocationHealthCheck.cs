using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthFlow.Infrastructure.Sessions;

/// <summary>
/// Readiness: this instance hears session revocations. While <see cref="SessionRevocationListener"/> is not
/// listening, the instance checks each request's session against the database instead, so it stays safe and in
/// rotation: the check reports Degraded (still ready), and the database check decides readiness.
/// </summary>
public sealed class SessionRevocationHealthCheck(SessionRevocationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Not listening for session revocations; checking each session against the database."));
}
