using System.Diagnostics;
using System.Threading.RateLimiting;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

/// <summary>A <see cref="ConcurrencyLimiter"/>: <c>PasswordHashing:MaxConcurrency</c> hashes at once, a queue of <c>PasswordHashing:QueueLimit</c>.</summary>
internal sealed class PasswordHashingGate : IPasswordHashingGate, IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly AuthFlowMetrics _metrics;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options, AuthFlowMetrics metrics)
    {
        _metrics = metrics;
        var permits = options.Value.EffectiveMaxConcurrency;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = options.Value.EffectiveQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        // bcrypt blocks the thread it runs on. The thread pool starts with one thread per core and adds more only
        // slowly, so with every permit held the other requests would wait for new threads, not for CPU. Keep
        // that many threads ready beyond the pool's own minimum.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + permits), completionPorts);
    }

    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        _metrics.GateWaited(Stopwatch.GetElapsedTime(started), lease.IsAcquired);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    /// <summary>Requests waiting for a permit now.</summary>
    public long QueuedCount => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public void Dispose() => _limiter.Dispose();
}
