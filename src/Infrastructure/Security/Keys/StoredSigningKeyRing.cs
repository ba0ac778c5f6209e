using System.Buffers;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.Infrastructure.Security.Keys;

/// <summary>
/// The stored keys of ES256/RS256, held in memory and reloaded from PostgreSQL every <c>Jwt:Keys:RefreshSeconds</c>
/// (by <see cref="SigningKeyMaintenance"/>). Requests never query the database: an unknown <c>kid</c> is refused at
/// once and may trigger one background reload, at most every <see cref="MissReloadInterval"/> whatever the traffic.
/// </summary>
public sealed partial class StoredSigningKeyRing(
    IServiceScopeFactory scopes,
    IOptions<JwtOptions> options,
    KeyEncryption encryption,
    TimeProvider clock,
    ILogger<StoredSigningKeyRing> logger) : ISigningKeyRing, IDisposable
{
    public static readonly TimeSpan MissReloadInterval = TimeSpan.FromSeconds(10);

    // Key ids of this service are base64url SHA-256 thumbprints; anything else cannot be one of ours.
    private const int KeyIdLength = 43;
    private static readonly SearchValues<char> Base64UrlCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile IReadOnlyDictionary<string, LoadedKey> _keys = new Dictionary<string, LoadedKey>(StringComparer.Ordinal);
    private long _lastMissReloadTicks;

    private long _missReloads;

    /// <summary>How many reloads unknown key ids have started, for monitoring: at most one per <see cref="MissReloadInterval"/>.</summary>
    public long MissReloads => Interlocked.Read(ref _missReloads);

    public SigningCredentials GetSigningCredentials(DateTimeOffset now)
    {
        var algorithm = options.Value.Algorithm;
        var signer = _keys.Values
            .Where(k => k.Signing is not null && k.Key.Algorithm == algorithm && k.Key.SignsAt(now))
            .MaxBy(k => k.Key.SignsFrom);
        return signer?.Signing ?? throw new InvalidOperationException("No signing key is loaded for this instant; start-up makes one.");
    }

    /// <summary>When the key that signs at <paramref name="now"/> was made; null when none is loaded (for the key-age gauge).</summary>
    public DateTimeOffset? SigningKeyCreatedAt(DateTimeOffset now)
    {
        var algorithm = options.Value.Algorithm;
        return _keys.Values
            .Where(k => k.Signing is not null && k.Key.Algorithm == algorithm && k.Key.SignsAt(now))
            .MaxBy(k => k.Key.SignsFrom)?.Key.CreatedAt;
    }

    public IReadOnlyList<SecurityKey> ResolveVerificationKeys(string? keyId, DateTimeOffset now)
    {
        if (keyId is null)
        {
            return [];
        }

        if (_keys.TryGetValue(keyId, out var key))
        {
            return key.Key.IsPublishedAt(now) ? [key.Verification] : [];
        }

        if (keyId.Length == KeyIdLength && !keyId.AsSpan().ContainsAnyExcept(Base64UrlCharacters))
        {
            ReloadAfterMiss(now);
        }

        return [];
    }

    public IReadOnlyList<PublicJsonWebKey> GetPublishedKeys(DateTimeOffset now) =>
        _keys.Values.Where(k => k.Key.IsPublishedAt(now)).OrderBy(k => k.Key.SignsFrom).Select(k => k.Jwk).ToList();

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<SigningKey> rows;
            await using (var scope = scopes.CreateAsyncScope())
            {
                rows = await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().LoadLiveKeysAsync(now, cancellationToken);
            }

            var previous = _keys;
            _keys = rows.ToDictionary(row => row.Id, row => Load(row, previous.GetValueOrDefault(row.Id), now), StringComparer.Ordinal);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Reuses what an earlier load made of the same key; decrypts the private key only while it may still sign.</summary>
    private LoadedKey Load(SigningKey row, LoadedKey? previous, DateTimeOffset now)
    {
        var maySign = row.SupersededAt is null || row.SupersededAt > now;
        var signing = !maySign ? null : previous?.Signing ?? SigningKeyMaterial.ToSigningCredentials(row, encryption);
        return previous is null
            ? new LoadedKey(row, SigningKeyMaterial.ToVerificationKey(row), signing, SigningKeyMaterial.ToJsonWebKey(row))
            : previous with { Key = row, Signing = signing };
    }

    private void ReloadAfterMiss(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastMissReloadTicks);
        if (now.UtcTicks - last < MissReloadInterval.Ticks
            || Interlocked.CompareExchange(ref _lastMissReloadTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        Interlocked.Increment(ref _missReloads);
        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogReloadFailed(logger, ex);
            }
        });
    }

    public void Dispose() => _refreshing.Dispose();

    [LoggerMessage(LogLevel.Warning, "Reloading the signing keys after an unknown key id failed.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    private sealed record LoadedKey(SigningKey Key, SecurityKey Verification, SigningCredentials? Signing, PublicJsonWebKey Jwk);
}
