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

    public async Task<bool> TrySaveConsumedAsync(UserToken token, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request redeemed or superseded the token first: forget this attempt's changes, store none.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Modified or EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }
}
