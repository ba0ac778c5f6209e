using System.Collections.Concurrent;
using AuthFlow.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Sessions;

/// <summary>
/// The ids of sessions ended recently, held in memory so that the bearer handler can refuse their access tokens
/// without asking the database. An entry is kept only as long as an access token of its session could still be
/// valid (revocation time + access-token lifetime + clock skew), so the set holds at most the sessions ended in the
/// last <c>Jwt:AccessTokenMinutes</c> and a half minute, whatever the uptime. Fed by this instance's own revocations
/// and, for every instance, by <see cref="SessionRevocationListener"/>.
/// </summary>
public sealed class RevokedSessionCache(IOptions<JwtOptions> jwtOptions, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _keepUntil = new();

    /// <summary>How long after its revocation a session's access tokens may still be presented.</summary>
    public TimeSpan Retention { get; } =
        TimeSpan.FromMinutes(jwtOptions.Value.AccessTokenMinutes) + TimeSpan.FromSeconds(jwtOptions.Value.ClockSkewSeconds);

    public int Count => _keepUntil.Count;

    public bool IsRevoked(Guid sessionId) => _keepUntil.ContainsKey(sessionId);

    /// <summary>Records a session ended at <paramref name="revokedAt"/>; entries already past their retention are ignored.</summary>
    public void Add(Guid sessionId, DateTimeOffset revokedAt)
    {
        var keepUntil = revokedAt + Retention;
        if (keepUntil <= timeProvider.GetUtcNow())
        {
            return;
        }

        _keepUntil.AddOrUpdate(sessionId, keepUntil, (_, existing) => existing > keepUntil ? existing : keepUntil);
    }

    /// <summary>Forgets the sessions whose last access token has expired. Returns how many were removed.</summary>
    public int Prune()
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var (sessionId, keepUntil) in _keepUntil)
        {
            if (keepUntil <= now && _keepUntil.TryRemove(KeyValuePair.Create(sessionId, keepUntil)))
            {
                removed++;
            }
        }

        return removed;
    }
}
