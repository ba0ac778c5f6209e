using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.RemoveUserFactors;

/// <summary>
/// Removes every second factor of an account (its authenticator app, passkeys and recovery codes), for a user who lost
/// them; the account then signs in with its password alone. Its sessions end, so no token keeps an <c>amr</c> from a
/// factor that no longer exists. Having no factor is no error.
/// </summary>
public sealed record RemoveUserFactorsCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class RemoveUserFactorsCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<RemoveUserFactorsCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(RemoveUserFactorsCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is null)
        {
            return AuthErrors.UserNotFound;
        }

        var methods = await secondFactors.MethodsOfAsync(command.UserId, cancellationToken);
        if (await secondFactors.FindTotpAsync(command.UserId, cancellationToken) is { } totp)
        {
            secondFactors.RemoveTotp(totp);
        }

        foreach (var passkey in await secondFactors.ListPasskeysAsync(command.UserId, cancellationToken))
        {
            secondFactors.RemovePasskey(passkey);
        }

        await secondFactors.ReplaceRecoveryCodesAsync(command.UserId, [], cancellationToken);
        auditLog.Add(new AuditEntry(AuditEventTypes.FactorsRemoved, command.UserId, Details: new Dictionary<string, object?>
        {
            ["methods"] = string.Join(' ', methods),
        }));
        await AdminChanges.EndAllSessionsAsync(
            sessions, auditLog, command.UserId, SessionRevocation.FactorRemoved, "admin", timeProvider.GetUtcNow(), cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
