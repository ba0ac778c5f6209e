using System.Diagnostics;
using System.Threading.RateLimiting;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;
using BC = BCrypt.Net.BCrypt;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// <c>PasswordHashing:MaxConcurrency</c> hashes at once (a <see cref="ConcurrencyLimiter"/>); a request that finds every
/// permit held waits in order when its predicted wait (the requests ahead of it times the measured time a permit is
/// held, over the permits) is at most <c>PasswordHashing:MaxQueueWaitSeconds</c>, and is refused at once otherwise, as
/// it is past the hard cap <c>PasswordHashing:QueueLimit</c>. A refusal suggests retrying when the queue will have drained.
/// </summary>
internal sealed class PasswordHashingGate : IPasswordHashingGate, IDisposable
{
    /// <summary>Weight of the newest permit's hold time in the running mean: a few hashes follow a change of load.</summary>
    private const double Smoothing = 0.2;

    private readonly ConcurrencyLimiter _limiter;
    private readonly AuthFlowMetrics _metrics;
    private readonly int _permits;
    private readonly int _queueLimit;
    private readonly double _maxQueueWaitSeconds;
    private readonly Lock _meanLock = new();
    private double _meanHoldSeconds;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options, AuthFlowMetrics metrics)
    {
        _metrics = metrics;
        _permits = options.Value.EffectiveMaxConcurrency;
        _queueLimit = options.Value.EffectiveQueueLimit;
        _maxQueueWaitSeconds = options.Value.MaxQueueWaitSeconds;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _permits,
            QueueLimit = _queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        // The first estimate: one hash at the configured cost, timed now; permits held later refine it.
        var started = Stopwatch.GetTimestamp();
        BC.HashPassword("calibration", options.Value.WorkFactor);
        _meanHoldSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // bcrypt blocks the thread it runs on. The thread pool starts with one thread per core and adds more only
        // slowly, so with every permit held the other requests would wait for new threads, not for CPU. Keep
        // that many threads ready beyond the pool's own minimum.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + _permits), completionPorts);
    }

    public TimeSpan RetryAfter
    {
        get
        {
            var queued = _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;
            return TimeSpan.FromSeconds(queued * MeanHoldSeconds / _permits);
        }
    }

    private double MeanHoldSeconds
    {
        get
        {
            lock (_meanLock)
            {
                return _meanHoldSeconds;
            }
        }
    }

    public bool IsAdmitting => PredictedWaitSeconds() <= _maxQueueWaitSeconds;

    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (!IsAdmitting)
        {
            _metrics.GateWaited(TimeSpan.Zero, acquired: false);
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        _metrics.GateWaited(Stopwatch.GetElapsedTime(started), lease.IsAcquired);
        if (lease.IsAcquired)
        {
            return new Permit(this, lease);
        }

        lease.Dispose();
        return null;
    }

    /// <summary>Requests waiting for a permit now.</summary>
    public long QueuedCount => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public void Dispose() => _limiter.Dispose();

    /// <summary>How long a request arriving now would wait for a permit: nothing while one is free.</summary>
    private double PredictedWaitSeconds()
    {
        var statistics = _limiter.GetStatistics();
        if (statistics is null || statistics.CurrentAvailablePermits > 0)
        {
            return 0;
        }

        return (statistics.CurrentQueuedCount + 1) * MeanHoldSeconds / _permits;
    }

    private void Record(TimeSpan held)
    {
        lock (_meanLock)
        {
            _meanHoldSeconds += Smoothing * (held.TotalSeconds - _meanHoldSeconds);
        }
    }

    private sealed class Permit(PasswordHashingGate gate, RateLimitLease lease) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Record(Stopwatch.GetElapsedTime(_started));
                lease.Dispose();
            }
        }
    }
}
