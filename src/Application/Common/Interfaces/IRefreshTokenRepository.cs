using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<RefreshToken?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The refresh hot path's one read: the token with this hash, its session, its user and its successor, in one
    /// query and without change tracking. Null when no token has this hash.
    /// </summary>
    Task<RefreshTokenChain?> FindChainByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// The refresh hot path in one statement: rotates the token as <paramref name="rotation"/> describes (revokes it,
    /// stores the successor, records the session's use) when the token is active, its session active and its user
    /// enabled, and returns what the access token needs. Null when it rotated nothing, for whatever reason (unknown,
    /// expired, rotated before, concurrently rotated, ended, idle, disabled): the caller then reads the chain and decides
    /// with the domain's rules, as <see cref="FindChainByHashAsync"/> and <see cref="TryRotateAsync"/> do.
    /// </summary>
    Task<RotatedSession?> TryRotateActiveAsync(ActiveTokenRotation rotation, CancellationToken cancellationToken);

    /// <summary>Tracks a new token; it is stored by the next <see cref="IUnitOfWork.SaveChangesAsync"/>.</summary>
    void Add(RefreshToken token);

    /// <summary>
    /// Stores a rotation in one statement, outside the unit of work: the revoked <paramref name="current"/> (as
    /// <see cref="RefreshToken.Rotate"/> left it), its <paramref name="successor"/>, and the use of their session at the
    /// successor's creation time. Returns false, and stores nothing, when another request revoked
    /// <paramref name="current"/> first: at most one successor of a token can ever exist.
    /// </summary>
    Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken);
}
