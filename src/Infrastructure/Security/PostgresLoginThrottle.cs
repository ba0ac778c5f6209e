using System.Security.Cryptography;
using System.Text;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// Failure counts in PostgreSQL, so every instance sees the same ones. A failure is counted by one
/// <c>INSERT ... ON CONFLICT DO UPDATE</c>: concurrent failures cannot overwrite each other's increments.
/// Wrong second-factor codes are counted in the same table under a per-account key (<c>mfa:{userId}</c>, which no
/// email can be), with the same back-off.
/// </summary>
internal sealed class PostgresLoginThrottle(
    AuthFlowDbContext db,
    IOptions<LoginThrottlingOptions> options,
    IOptions<PasswordHashingOptions> hashing) : ILoginThrottle, IMfaThrottle
{
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("authflow/login-throttle/v1");

    public async Task<TimeSpan?> GetRemainingBlockAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = EmailKey(normalizedEmail);
        var count = await db.LoginFailureCounts.AsNoTracking()
            .Where(c => c.EmailKey == key)
            .Select(c => new { c.Failures, c.LastFailureAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (count is null)
        {
            return null;
        }

        var remaining = count.LastFailureAt + options.Value.DelayAfter(count.Failures) - now;
        return remaining > TimeSpan.Zero ? remaining : null;
    }

    public Task RecordFailureAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO login_failure_counts (email_key, failures, last_failure_at) VALUES ({EmailKey(normalizedEmail)}, 1, {now})
            ON CONFLICT (email_key) DO UPDATE
            SET failures = login_failure_counts.failures + 1, last_failure_at = excluded.last_failure_at
            """,
            cancellationToken);

    public async Task<TimeSpan?> TryCountAttemptAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: count the attempt unless the stored failures still block the email (the block of
        // LoginThrottlingOptions.DelayAfter, computed in SQL). A blocked email gets no row back and nothing counted.
        var key = EmailKey(normalizedEmail);
        var free = options.Value.FreeAttempts;
        var baseDelay = options.Value.BaseDelaySeconds;
        var maxDelay = options.Value.MaxDelaySeconds;
        var counted = await db.Database.SqlQuery<int>(
            $"""
            INSERT INTO login_failure_counts AS c (email_key, failures, last_failure_at) VALUES ({key}, 1, {now})
            ON CONFLICT (email_key) DO UPDATE
            SET failures = c.failures + 1, last_failure_at = excluded.last_failure_at
            WHERE c.last_failure_at + make_interval(secs => CASE WHEN c.failures <= {free} THEN 0
                ELSE LEAST({baseDelay} * power(2, LEAST(c.failures - {free} - 1, 30)), {maxDelay}) END) <= excluded.last_failure_at
            RETURNING c.failures AS "Value"
            """).ToListAsync(cancellationToken);
        if (counted.Count > 0)
        {
            return null;
        }

        // Blocked; the block may have ended between the two statements, so the answer is never shorter than a second.
        return await GetRemainingBlockAsync(normalizedEmail, now, cancellationToken) ?? TimeSpan.FromSeconds(1);
    }

    public Task UncountAttemptAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE login_failure_counts SET failures = failures - 1 WHERE email_key = {EmailKey(normalizedEmail)} AND failures > 0",
            cancellationToken);

    public Task ResetAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var key = EmailKey(normalizedEmail);
        return db.LoginFailureCounts.Where(c => c.EmailKey == key).ExecuteDeleteAsync(cancellationToken);
    }

    public Task<TimeSpan?> GetRemainingBlockAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        GetRemainingBlockAsync(MfaKey(userId), now, cancellationToken);

    public Task RecordFailureAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RecordFailureAsync(MfaKey(userId), now, cancellationToken);

    public Task ResetAsync(Guid userId, CancellationToken cancellationToken) => ResetAsync(MfaKey(userId), cancellationToken);

    private static string MfaKey(Guid userId) => $"mfa:{userId}";

    /// <summary>HMAC-SHA256 under a key derived from the pepper: the table cannot be reversed into a list of emails.</summary>
    private byte[] EmailKey(string normalizedEmail)
    {
        var secret = HMACSHA256.HashData(hashing.Value.PepperBytes(), KeyPurpose);
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(normalizedEmail));
    }
}
