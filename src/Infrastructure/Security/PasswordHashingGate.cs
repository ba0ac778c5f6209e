using System.Threading.RateLimiting;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

/// <summary>A <see cref="ConcurrencyLimiter"/>: <c>PasswordHashing:MaxConcurrency</c> hashes at once, a queue of <c>PasswordHashing:QueueLimit</c>.</summary>
internal sealed class PasswordHashingGate(IOptions<PasswordHashingOptions> options) : IPasswordHashingGate, IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.EffectiveMaxConcurrency,
        QueueLimit = options.Value.EffectiveQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
