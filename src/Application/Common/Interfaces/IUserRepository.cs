using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IUserRepository
{
    /// <summary>Finds a user by the normalized form of an email (see <see cref="User.NormalizeEmail"/>).</summary>
    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>What the profile shows of a user, read untracked in one query; null when the user no longer exists.</summary>
    Task<UserDto?> FindProfileAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new user. Returns false, and stores nothing, when another account already holds the
    /// email; the database's unique index decides, so concurrent registrations cannot both win.
    /// </summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the account: the user row with its roles, sessions (every instance hears they ended), refresh and one-time
    /// tokens, and the emails queued or kept for its address. Audit events stay: they hold no email or username.
    /// </summary>
    Task EraseAsync(User user, CancellationToken cancellationToken);
}
