using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.DeletePasskey;

/// <summary>
/// Deletes the caller's passkey of this name, confirmed with the password. When it was the last second factor, the
/// recovery codes go too and every other session ends.
/// </summary>
public sealed record DeletePasskeyCommand(Guid UserId, Guid SessionId, IReadOnlyCollection<string> AuthenticationMethods, string Name, string Password)
    : ICommand<Result<Unit>>;

public sealed class DeletePasskeyCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    TimeProvider timeProvider) : ICommandHandler<DeletePasskeyCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(DeletePasskeyCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var passkeys = await secondFactors.ListPasskeysAsync(user.Id, cancellationToken);
        if (passkeys.FirstOrDefault(p => string.Equals(p.Name, command.Name.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } passkey)
        {
            return AuthErrors.PasskeyNotFound;
        }

        if (await guard.ConfirmPasswordAsync(user, command.Password, cancellationToken) is { } refused)
        {
            return refused;
        }

        secondFactors.RemovePasskey(passkey);
        var lastFactor = passkeys.Count == 1 && await secondFactors.FindTotpAsync(user.Id, cancellationToken) is not { IsConfirmed: true };
        if (lastFactor)
        {
            await secondFactors.ReplaceRecoveryCodesAsync(user.Id, [], cancellationToken);
        }

        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return AuthErrors.PasskeyNotFound;
        }

        if (lastFactor)
        {
            await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.FactorRemoved, timeProvider.GetUtcNow(), command.SessionId, CancellationToken.None);
        }

        return Unit.Value;
    }
}
