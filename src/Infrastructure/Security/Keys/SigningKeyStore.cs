using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Keys;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>
/// The stored signing keys. Every change (first key, rotation) runs in a transaction holding one PostgreSQL
/// advisory lock, so that instances starting or rotating together make exactly one new key.
/// </summary>
public sealed class SigningKeyStore(
    AuthFlowDbContext db,
    IOptions<JwtOptions> options,
    KeyEncryption encryption,
    IAuditLog auditLog,
    ILogger<SigningKeyStore> logger) : ISigningKeyStore
{
    /// <summary>The advisory lock id of key changes ("AFkeys" in ASCII).</summary>
    private const long KeyChangeLock = 0x4146_6B65_7973;

    private readonly JwtOptions _options = options.Value;

    public bool ManagesKeys => _options.UsesStoredKeys;

    private TimeSpan PublishLead => TimeSpan.FromMinutes(_options.Keys.PublishLeadMinutes);

    public async Task<SigningKeyInfo> RotateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // With a key signing now, the new one waits for the lead time; without one it signs at once.
        var key = await ChangeAsync(now, (keys, at) => HasSigner(keys, at) ? at + PublishLead : at, cancellationToken);
        return ToInfo(key!);
    }

    /// <summary>Makes sure a key signs at <paramref name="now"/>; the very first key of a database signs at once.</summary>
    public Task<SigningKey?> EnsureSigningKeyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(now, (keys, at) => HasSigner(keys, at) ? null : at, cancellationToken);

    /// <summary>Rotates when the newest key has signed for <c>Jwt:Keys:RotationDays</c>.</summary>
    public Task<SigningKey?> RotateIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(
            now,
            (keys, at) => !HasSigner(keys, at) ? at
                : keys.Max(k => k.SignsFrom) + TimeSpan.FromDays(_options.Keys.RotationDays) <= at ? at + PublishLead
                : null,
            cancellationToken);

    /// <summary>The keys not retired at <paramref name="now"/>, untracked.</summary>
    public async Task<IReadOnlyList<SigningKey>> LoadLiveKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.SigningKeys.AsNoTracking().Where(k => k.RetiresAt == null || k.RetiresAt > now).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SigningKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return keys.Select(ToInfo).ToList();
    }

    /// <summary>
    /// Adds a key signing from the time <paramref name="signsFrom"/> picks (null: no change) and supersedes every
    /// other live key then. The choice is made twice: first without the lock (the common "nothing to do"),
    /// then again under it, as another instance may have changed the keys meanwhile.
    /// </summary>
    private async Task<SigningKey?> ChangeAsync(
        DateTimeOffset now, Func<IReadOnlyList<SigningKey>, DateTimeOffset, DateTimeOffset?> signsFrom, CancellationToken cancellationToken)
    {
        if (signsFrom(await LoadLiveKeysAsync(now, cancellationToken), now) is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeyChangeLock})", cancellationToken);
        var live = await db.SigningKeys.Where(k => k.RetiresAt == null || k.RetiresAt > now).ToListAsync(cancellationToken);
        // Judge at the latest of our clock and the newest key: one made by an instance that held the lock while we
        // waited for it, or whose clock is a little ahead, counts as existing.
        now = live.Select(k => k.CreatedAt).Append(now).Max();
        if (signsFrom(live, now) is not { } from)
        {
            return null;
        }

        var key = SigningKeyMaterial.Generate(_options.Algorithm, encryption, now, from);
        foreach (var old in live)
        {
            old.Supersede(from, _options.LastTokenLifetime);
        }

        db.SigningKeys.Add(key);
        auditLog.Add(new AuditEntry(AuditEventTypes.SigningKeyRotated, SubjectUserId: null, Details: new Dictionary<string, object?>
        {
            ["kid"] = key.Id,
            ["algorithm"] = key.Algorithm,
            ["signsFrom"] = key.SignsFrom,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Signing key {KeyId} ({Algorithm}) published; it signs from {SignsFrom:O}.", key.Id, key.Algorithm, key.SignsFrom);
        return key;
    }

    private bool HasSigner(IReadOnlyList<SigningKey> keys, DateTimeOffset now) =>
        keys.Any(k => k.Algorithm == _options.Algorithm && k.SignsAt(now));

    private static SigningKeyInfo ToInfo(SigningKey key) =>
        new(key.Id, key.Algorithm, key.CreatedAt, key.SignsFrom, key.SupersededAt, key.RetiresAt);
}
