using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class UserTokenRepository(AuthFlowDbContext db) : IUserTokenRepository
{
    public Task<UserToken?> FindByHashAsync(string tokenHash, UserTokenPurpose purpose, CancellationToken cancellationToken) =>
        db.UserTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash && t.Purpose == purpose, cancellationToken);

    public Task<int> SupersedeUnusedAsync(Guid userId, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.UserTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.UsedAt, now)
                    .SetProperty(t => t.Superseded, true),
                cancellationToken);

    public Task<DateTimeOffset?> LastIssuedAtAsync(Guid userId, UserTokenPurpose purpose, CancellationToken cancellationToken) =>
        db.UserTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose)
            .MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);

    public void Add(UserToken token) => db.UserTokens.Add(token);
}
