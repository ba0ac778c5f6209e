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
/// <para>
/// While the listener is disconnected the set may miss revocations made elsewhere, so <see cref="IsRevokedAsync"/>
/// asks the database instead (the listener installs that check until it has reconnected and reloaded what it
/// missed). It fails closed: if the database cannot answer either, the exception reaches the caller.
/// </para>
/// </summary>
public sealed class RevokedSessionCache(IOptions<JwtOptions> jwtOptions, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _keepUntil = new();
    private volatile Func<Guid, CancellationToken, Task<bool>>? _databaseCheck;

    /// <summary>How long after its revocation a session's access tokens may still be presented.</summary>
    public TimeSpan Retention { get; } =
        TimeSpan.FromMinutes(jwtOptions.Value.AccessTokenMinutes) + TimeSpan.FromSeconds(jwtOptions.Value.ClockSkewSeconds);

    public int Count => _keepUntil.Count;

    /// <summary>True while revocations are checked against the database because the listener is not in step.</summary>
    public bool ChecksDatabase => _databaseCheck is not null;

    public bool IsRevoked(Guid sessionId) => _keepUntil.ContainsKey(sessionId);

    /// <summary>
    /// The check for each authenticated request: the in-memory set, and while the listener is away, the database
    /// (a session that is revoked or no longer exists is refused).
    /// </summary>
    public ValueTask<bool> IsRevokedAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (_keepUntil.ContainsKey(sessionId))
        {
            return ValueTask.FromResult(true);
        }

        var check = _databaseCheck;
        return check is null ? ValueTask.FromResult(false) : new ValueTask<bool>(check(sessionId, cancellationToken));
    }

    /// <summary>Installs (or, with null, removes) the per-request database check; only the listener calls this.</summary>
    internal void UseDatabaseCheck(Func<Guid, CancellationToken, Task<bool>>? check) => _databaseCheck = check;

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
