using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Mfa;

namespace AuthFlow.Application.Mfa.Common;

/// <summary>Replaces a user's recovery codes with a new set: the codes go to the user once, only their hashes are stored.</summary>
public sealed class RecoveryCodeSet(ISecondFactorRepository secondFactors, IRecoveryCodes recoveryCodes)
{
    /// <summary>The new codes, to show once; stored (the old ones removed) by the next save.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = recoveryCodes.Generate(RecoveryCode.SetSize);
        await secondFactors.ReplaceRecoveryCodesAsync(
            userId, codes.Select(c => RecoveryCode.Create(userId, recoveryCodes.Hash(c), now)), cancellationToken);
        return codes;
    }
}
