using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IUserRepository
{
    /// <summary>Finds a user by the normalized form of an email (see <see cref="User.NormalizeEmail"/>).</summary>
    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Whether an account holds this email or a look-alike of it: the same key (<see cref="User.NormalizeEmail"/>) or the
    /// same confusable skeleton (<see cref="User.EmailSkeleton"/>).
    /// </summary>
    Task<bool> IsEmailTakenAsync(string normalizedEmail, string emailSkeleton, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>What the profile shows of a user, read untracked in one query; null when the user no longer exists.</summary>
    Task<UserDto?> FindProfileAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The dashboard's user with the number of its active sessions (unrevoked, unexpired at <paramref name="now"/>,
    /// used within <paramref name="idleTimeout"/>), in one round trip; null when the user no longer exists.
    /// </summary>
    Task<UserDashboard?> FindDashboardAsync(Guid id, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new user. Returns false, and stores nothing, when another account already holds the
    /// email or a look-alike of it; the database's unique indexes decide, so concurrent registrations cannot both win.
    /// </summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the account: the user row with its roles, sessions (every instance hears they ended), refresh and one-time
    /// tokens, and the emails queued or kept for its address. Audit events stay: they hold no email or username.
    /// </summary>
    Task EraseAsync(User user, CancellationToken cancellationToken);
}
