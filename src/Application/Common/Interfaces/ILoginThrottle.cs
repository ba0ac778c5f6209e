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

    /// <summary>
    /// Counts this attempt as a failure before its password is checked, in one atomic statement, unless the email is
    /// blocked: then nothing is counted and the remaining block is returned. A right password then forgets the count
    /// (<see cref="ResetAsync"/>); a wrong one needs nothing more. So however many guesses run at once, on however many
    /// instances, each one that reaches a hash has been counted first, and no lock is held across the database call.
    /// </summary>
    Task<TimeSpan?> TryCountAttemptAsync(string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes back an attempt that <see cref="TryCountAttemptAsync"/> counted but that never reached the password check.</summary>
    Task UncountAttemptAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Forgets the failures after a successful login.</summary>
    Task ResetAsync(string normalizedEmail, CancellationToken cancellationToken);
}
