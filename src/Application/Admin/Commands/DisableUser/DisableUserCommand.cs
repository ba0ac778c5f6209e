using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.DisableUser;

/// <summary>
/// Disables an account: it can no longer log in (<see cref="AuthErrors.AccountDisabled"/> after the right password) or
/// refresh, and every session ends. Disabling a disabled account changes nothing. The last active admin cannot be disabled.
/// </summary>
public sealed record DisableUserCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class DisableUserCommandHandler(
    IUserRepository users,
    IRoleRepository roles,
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<DisableUserCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(DisableUserCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.UserNotFound;
        }

        if (await AdminChanges.IsLastActiveAdminAsync(roles, user, cancellationToken))
        {
            return AuthErrors.LastAdmin;
        }

        if (!user.Disable(now))
        {
            return Unit.Value;
        }

        auditLog.Add(new AuditEntry(AuditEventTypes.UserDisabled, user.Id));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await AdminChanges.EndAllSessionsAsync(sessions, auditLog, user.Id, SessionRevocation.AccountDisabled, "disabled", now, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
