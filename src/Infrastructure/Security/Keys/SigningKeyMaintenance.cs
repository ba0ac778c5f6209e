using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>
/// Every <c>Jwt:Keys:RefreshSeconds</c>: rotates the stored key when it is due (one instance wins the advisory lock,
/// the others find the new key) and reloads this instance's key ring. Does nothing with HS256.
/// </summary>
public sealed partial class SigningKeyMaintenance(
    IServiceScopeFactory scopes,
    ISigningKeyRing ring,
    IOptions<JwtOptions> options,
    TimeProvider clock,
    ILogger<SigningKeyMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UsesStoredKeys)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Keys.RefreshSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().RotateIfDueAsync(clock.GetUtcNow(), stoppingToken);
                }

                await ring.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The ring keeps the keys it has; the next tick tries again.
                LogMaintenanceFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Signing key maintenance failed; keeping the keys in memory.")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
