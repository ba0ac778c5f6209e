using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Mfa.Common;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.ConfirmTotp;

/// <summary>
/// Confirms a pending authenticator app with a code from it. From then on the account needs the second factor to log
/// in. Returns the account's recovery codes, shown this once.
/// </summary>
public sealed record ConfirmTotpCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods, string Code)
    : ICommand<Result<IReadOnlyList<string>>>;

public sealed class ConfirmTotpCommandHandler(
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    ITotp totp,
    IMfaThrottle throttle,
    RecoveryCodeSet recoveryCodes,
    TimeProvider timeProvider) : ICommandHandler<ConfirmTotpCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(ConfirmTotpCommand command, CancellationToken cancellationToken)
    {
        if (await guard.RequireStepUpAsync(command.UserId, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var pending = await secondFactors.FindTotpAsync(command.UserId, cancellationToken);
        if (pending is null || pending.IsConfirmed)
        {
            return AuthErrors.TotpNotPending;
        }

        var now = timeProvider.GetUtcNow();
        if (await throttle.GetRemainingBlockAsync(command.UserId, now, cancellationToken) is { } blocked)
        {
            return AuthErrors.MfaThrottled(blocked);
        }

        if (totp.MatchStep(command.UserId, pending.EncryptedSecret, command.Code, now) is not { } step)
        {
            await throttle.RecordFailureAsync(command.UserId, now, CancellationToken.None);
            return AuthErrors.InvalidMfaCode;
        }

        await throttle.ResetAsync(command.UserId, cancellationToken);
        pending.Accept(step, now);
        var codes = await recoveryCodes.ReplaceAsync(command.UserId, now, cancellationToken);
        // Confirmation and codes in one transaction; a concurrent confirmation with the same step stores nothing.
        return await unitOfWork.TrySaveChangesAsync(cancellationToken) ? Result<IReadOnlyList<string>>.Success(codes) : AuthErrors.InvalidMfaCode;
    }
}
