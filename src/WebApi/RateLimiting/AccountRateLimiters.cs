using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.RateLimiting;

/// <summary>One <see cref="PartitionedRateLimiter{TResource}"/> per per-(email, IP) policy, partitioned by that pair.</summary>
internal sealed class AccountRateLimiters(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.Ordinal);

    public ValueTask<RateLimitLease> AcquireAsync(string policy, string partitionKey, CancellationToken cancellationToken) =>
        _limiters.GetOrAdd(policy, Create).AcquireAsync(partitionKey, 1, cancellationToken);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private PartitionedRateLimiter<string> Create(string policy)
    {
        var rule = options.Value.Policies.TryGetValue(policy, out var configured)
            ? configured
            : throw new InvalidOperationException($"No rate-limit policy named '{policy}' (see RateLimitPolicies).");
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => rule.ToLimiterOptions()));
    }
}
