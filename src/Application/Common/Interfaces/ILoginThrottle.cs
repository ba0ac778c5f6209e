namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Consecutive failed logins per email, shared by every instance (stored in the database). Keyed by the normalized
/// email whether or not an account holds it, so an unknown email throttles exactly like a known one.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>How much longer logins for this email are refused; null when they are not.</summary>
    Task<TimeSpan?> GetRemainingBlockAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts one more failure, atomically, however many arrive at once.</summary>
    Task RecordFailureAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets the failures after a successful login.</summary>
    Task ResetAsync(string normalizedEmail, CancellationToken cancellationToken);
}
