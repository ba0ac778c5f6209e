using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IUserTokenRepository
{
    Task<UserToken?> FindByHashAsync(string tokenHash, UserTokenPurpose purpose, CancellationToken cancellationToken);

    /// <summary>
    /// Retires, at once, every unused token of one purpose of the user, because a newer one is being issued.
    /// Returns how many were retired.
    /// </summary>
    Task<int> SupersedeUnusedAsync(Guid userId, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When the user's newest token of one purpose was issued, or null when none was.</summary>
    Task<DateTimeOffset?> LastIssuedAtAsync(Guid userId, UserTokenPurpose purpose, CancellationToken cancellationToken);

    /// <summary>Tracks a new token; it is stored by the next <see cref="IUnitOfWork.SaveChangesAsync"/>.</summary>
    void Add(UserToken token);

}
