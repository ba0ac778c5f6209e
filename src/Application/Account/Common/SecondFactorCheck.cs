using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Account.Common;

/// <summary>
/// Checks a TOTP code or a recovery code of an account, behind the per-account throttle. An accepted code is used up
/// (its time step remembered, the recovery code marked used) in tracked changes that the caller saves; concurrency
/// tokens make a second use of the same code store nothing.
/// </summary>
public sealed class SecondFactorCheck(
    ISecondFactorRepository secondFactors,
    ITotp totp,
    IRecoveryCodes recoveryCodes,
    IMfaThrottle throttle)
{
    /// <summary>The <c>amr</c> value the accepted code adds to a login, or the error to answer.</summary>
    public async Task<Result<string>> VerifyAsync(Guid userId, string? code, string? recoveryCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await throttle.GetRemainingBlockAsync(userId, now, cancellationToken) is { } blocked)
        {
            return AuthErrors.MfaThrottled(blocked);
        }

        var accepted = !string.IsNullOrEmpty(code)
            ? await TryTotpAsync(userId, code, now, cancellationToken)
            : !string.IsNullOrEmpty(recoveryCode) && await TryRecoveryCodeAsync(userId, recoveryCode, now, cancellationToken);
        if (!accepted)
        {
            // Counted even if the client has gone: a disconnect must not erase a guess.
            await throttle.RecordFailureAsync(userId, now, CancellationToken.None);
            return AuthErrors.InvalidMfaCode;
        }

        await throttle.ResetAsync(userId, cancellationToken);
        return AuthenticationMethods.OneTimePassword;
    }

    private async Task<bool> TryTotpAsync(Guid userId, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var authenticator = await secondFactors.FindTotpAsync(userId, cancellationToken);
        if (authenticator is not { IsConfirmed: true }
            || totp.MatchStep(userId, authenticator.EncryptedSecret, code, now) is not { } step
            || !authenticator.CanAccept(step))
        {
            return false;
        }

        authenticator.Accept(step, now);
        return true;
    }

    private async Task<bool> TryRecoveryCodeAsync(Guid userId, string recoveryCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await secondFactors.FindUnusedRecoveryCodeAsync(userId, recoveryCodes.Hash(recoveryCode), cancellationToken);
        stored?.Use(now);
        return stored is not null;
    }
}
