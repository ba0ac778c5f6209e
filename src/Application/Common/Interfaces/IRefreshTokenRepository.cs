using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<RefreshToken?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Tracks a new token; it is stored by the next <see cref="IUnitOfWork.SaveChangesAsync"/>.</summary>
    void Add(RefreshToken token);

    /// <summary>
    /// Stores a rotation (the revoked <paramref name="current"/> and its <paramref name="successor"/>) in one
    /// transaction. Returns false, and stores nothing, when another request changed <paramref name="current"/>
    /// first: at most one successor of a token can ever exist. Other tracked changes (the session's last use) are
    /// saved with it.
    /// </summary>
    Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken);
}
