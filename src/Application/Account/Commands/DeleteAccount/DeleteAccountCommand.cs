using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Account.Commands.DeleteAccount;

/// <summary>A signed-in user erases their own account, confirming with the password. Every session ends at once.</summary>
public sealed record DeleteAccountCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods, string Password) : ICommand<Result<Unit>>;

public sealed class DeleteAccountCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<DeleteAccountCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(DeleteAccountCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        if (await guard.ConfirmPasswordAsync(user, command.Password, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Revoked first, so that every instance refuses the access tokens at once (the rows then go with the account).
        await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.AccountDeleted, timeProvider.GetUtcNow(), exceptSessionId: null, cancellationToken);
        await users.EraseAsync(user, cancellationToken);
        auditLog.Add(new AuditEntry(AuditEventTypes.UserDeleted, user.Id, Details: new Dictionary<string, object?> { ["by"] = "self" }));
        // The password hash is a concurrency token: a reset that stored a new password meanwhile wins, and nothing is erased.
        return await unitOfWork.TrySaveChangesAsync(cancellationToken) ? Unit.Value : AuthErrors.InvalidPassword;
    }
}
