using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Sessions and the one way to end them. Ending a session revokes its refresh tokens in the same transaction,
/// and every instance of the service then refuses its access tokens (see <c>RevokedSessionCache</c>).
/// </summary>
public interface ISessionRepository
{
    /// <summary>Tracks a new session; it is stored by the next <see cref="IUnitOfWork.SaveChangesAsync"/>.</summary>
    void Add(Session session);

    Task<Session?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's active sessions (<see cref="Session.IsActive"/>), most recently used first.</summary>
    Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Ends one session of the user, with its refresh tokens. Returns false, and changes nothing, when the user
    /// has no such unrevoked session (unknown, someone else's, or already ended).
    /// </summary>
    Task<bool> RevokeAsync(Guid userId, Guid sessionId, SessionRevocation reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every unrevoked session of the user except <paramref name="exceptSessionId"/> (when given), with their
    /// refresh tokens. Returns how many sessions it ended. Logout with scope <c>all</c> or <c>others</c> uses it,
    /// and so should anything else that must end a user's sessions (a password reset, for instance).
    /// </summary>
    Task<int> RevokeAllForUserAsync(Guid userId, SessionRevocation reason, DateTimeOffset now, Guid? exceptSessionId, CancellationToken cancellationToken);
}
