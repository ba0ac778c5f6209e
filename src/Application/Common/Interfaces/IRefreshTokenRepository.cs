using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Tracks a new token; it is stored by the next <see cref="IUnitOfWork.SaveChangesAsync"/>.</summary>
    void Add(RefreshToken token);

    /// <summary>
    /// Stores a rotation (the revoked <paramref name="current"/> and its <paramref name="successor"/>) in one
    /// transaction. Returns false, and stores nothing, when another request changed <paramref name="current"/>
    /// first: at most one successor of a token can ever exist.
    /// </summary>
    Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken);

    /// <summary>Revokes every still-active token of one session of the user. Returns how many were revoked.</summary>
    Task<int> RevokeSessionAsync(Guid userId, Guid sessionId, RefreshTokenRevocation reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every still-active token of every session of the user. Returns how many were revoked.</summary>
    Task<int> RevokeAllForUserAsync(Guid userId, RefreshTokenRevocation reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts the user's sessions that still hold an active refresh token.</summary>
    Task<int> CountActiveSessionsAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);
}
