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

    public async Task<IReadOnlyList<Passkey>> ListPasskeysAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Passkeys.Where(p => p.UserId == userId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);

    public Task<Passkey?> FindPasskeyAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        db.Passkeys.SingleOrDefaultAsync(p => p.CredentialId == credentialId, cancellationToken);

    public void AddPasskey(Passkey passkey) => db.Passkeys.Add(passkey);

    public void RemovePasskey(Passkey passkey) => db.Passkeys.Remove(passkey);

    public void AddChallenge(PasskeyChallenge challenge) => db.PasskeyChallenges.Add(challenge);

    public Task<PasskeyChallenge?> FindChallengeAsync(Guid id, CancellationToken cancellationToken) =>
        db.PasskeyChallenges.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Recovery codes are offered whenever a factor exists: they stand in for any of them.</summary>
    public async Task<IReadOnlyList<string>> MethodsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var hasTotp = await db.TotpAuthenticators.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken);
        var hasPasskey = await db.Passkeys.AnyAsync(p => p.UserId == userId, cancellationToken);
        List<string> methods = [];
        if (hasTotp)
        {
            methods.Add(SecondFactorMethods.Totp);
        }

        if (hasPasskey)
        {
            methods.Add(SecondFactorMethods.Passkey);
        }

        if (methods.Count > 0)
        {
            methods.Add(SecondFactorMethods.RecoveryCode);
        }

        return methods;
    }
}
