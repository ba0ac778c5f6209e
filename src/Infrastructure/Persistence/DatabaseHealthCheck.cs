using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence;

/// <summary>
/// Readiness: the database answers <c>SELECT 1</c> within <c>Database:ReadinessTimeoutSeconds</c>. A hung or stopped
/// database makes the instance not ready within that time, and the check logs no stack trace.
/// </summary>
public sealed class DatabaseHealthCheck : IHealthCheck, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _timeout;

    public DatabaseHealthCheck(IOptions<DatabaseOptions> options)
    {
        _timeout = TimeSpan.FromSeconds(options.Value.ReadinessTimeoutSeconds);
        _dataSource = NpgsqlDataSource.Create(options.Value.BoundedConnectionString(builder =>
        {
            builder.Timeout = options.Value.ReadinessTimeoutSeconds;
            builder.CommandTimeout = options.Value.ReadinessTimeoutSeconds;
            builder.MaxPoolSize = 2;
        }));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is OperationCanceledException || DatabaseFailures.IsTransient(ex))
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {_timeout.TotalSeconds:0} s ({DatabaseFailures.TransientKind(ex) ?? "timeout"}).");
        }
    }

    public void Dispose() => _dataSource.Dispose();
}
