using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>Readiness: this instance holds a key that signs now, so logins and refreshes can issue tokens.</summary>
public sealed class SigningKeyHealthCheck(ISigningKeyRing keys, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            keys.GetSigningCredentials(clock.GetUtcNow());
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No signing key is loaded yet."));
        }
    }
}
