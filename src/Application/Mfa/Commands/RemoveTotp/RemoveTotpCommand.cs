using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.RemoveTotp;

/// <summary>
/// Removes the authenticator app, with the password and a current code (or a recovery code, for a lost device). When
/// it was the last second factor, the recovery codes go too and every other session ends.
/// </summary>
public sealed record RemoveTotpCommand(
    Guid UserId, Guid SessionId, IReadOnlyCollection<string> AuthenticationMethods, string Password, string? Code, string? RecoveryCode)
    : ICommand<Result<Unit>>;

public sealed class RemoveTotpCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    SecondFactorCheck secondFactorCheck,
    TimeProvider timeProvider) : ICommandHandler<RemoveTotpCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(RemoveTotpCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        if (await secondFactors.FindTotpAsync(user.Id, cancellationToken) is not { IsConfirmed: true } authenticator)
        {
            return AuthErrors.TotpNotEnabled;
        }

        if (await guard.ConfirmPasswordAsync(user, command.Password, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        var check = await secondFactorCheck.VerifyAsync(user.Id, command.Code, command.RecoveryCode, now, cancellationToken);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        secondFactors.RemoveTotp(authenticator);
        // TOTP is the only kind of factor so far, so it is always the last one: its recovery codes go with it.
        await secondFactors.ReplaceRecoveryCodesAsync(user.Id, [], cancellationToken);
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return AuthErrors.InvalidMfaCode;
        }

        // The password alone opens the account again: sessions that a thief may hold end; this one stays.
        await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.FactorRemoved, now, command.SessionId, CancellationToken.None);
        return Unit.Value;
    }
}
