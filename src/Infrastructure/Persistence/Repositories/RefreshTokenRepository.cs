using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class RefreshTokenRepository(AuthFlowDbContext db) : IRefreshTokenRepository
{
    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public Task<RefreshToken?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.RefreshTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public async Task<bool> TryRotateAsync(RefreshToken current, RefreshToken successor, CancellationToken cancellationToken)
    {
        db.RefreshTokens.Add(successor);
        try
        {
            // One SaveChanges is one transaction: the successor is inserted and the current token revoked together.
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Forget this attempt only: the successor was never stored and the current token's row is as the winner left it.
            db.Entry(successor).State = EntityState.Detached;
            db.Entry(current).State = EntityState.Detached;
            return false;
        }
    }
}
