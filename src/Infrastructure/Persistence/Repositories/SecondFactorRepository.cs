using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Mfa;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class SecondFactorRepository(AuthFlowDbContext db) : ISecondFactorRepository
{
    public Task<TotpAuthenticator?> FindTotpAsync(Guid userId, CancellationToken cancellationToken) =>
        db.TotpAuthenticators.SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);

    public void AddTotp(TotpAuthenticator totp) => db.TotpAuthenticators.Add(totp);

    public void RemoveTotp(TotpAuthenticator totp) => db.TotpAuthenticators.Remove(totp);

    public Task<RecoveryCode?> FindUnusedRecoveryCodeAsync(Guid userId, string codeHash, CancellationToken cancellationToken) =>
        db.RecoveryCodes.SingleOrDefaultAsync(c => c.UserId == userId && c.CodeHash == codeHash && c.UsedAt == null, cancellationToken);

    public Task<int> CountUnusedRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);

    public async Task ReplaceRecoveryCodesAsync(Guid userId, IEnumerable<RecoveryCode> codes, CancellationToken cancellationToken)
    {
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(c => c.UserId == userId).ToListAsync(cancellationToken));
        db.RecoveryCodes.AddRange(codes);
    }

    public async Task<IReadOnlyList<string>> MethodsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var hasTotp = await db.TotpAuthenticators.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken);
        return hasTotp ? [SecondFactorMethods.Totp, SecondFactorMethods.RecoveryCode] : [];
    }
}
