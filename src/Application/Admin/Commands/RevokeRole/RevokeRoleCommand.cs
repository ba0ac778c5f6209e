using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.RevokeRole;

/// <summary>
/// Takes a role away. Idempotent: revoking a role the user does not hold changes nothing and returns false. The last
/// active admin keeps the admin role (<see cref="AuthErrors.LastAdmin"/>). A change ends every session of the user.
/// </summary>
public sealed record RevokeRoleCommand(Guid UserId, string Role) : ICommand<Result<bool>>;

public sealed class RevokeRoleCommandHandler(
    IUserRepository users,
    IRoleRepository roles,
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<RevokeRoleCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RevokeRoleCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var holders = await roles.LockAndCountActiveHoldersAsync(command.Role, cancellationToken);

        var user = await users.FindByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.UserNotFound;
        }

        if (!user.HasRole(command.Role))
        {
            return false;
        }

        if (command.Role == Role.Admin && !user.IsDisabled && holders <= 1)
        {
            return AuthErrors.LastAdmin;
        }

        user.RevokeRole(command.Role);
        auditLog.Add(new AuditEntry(AuditEventTypes.RoleRevoked, user.Id, Details: new Dictionary<string, object?> { ["role"] = command.Role }));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await AdminChanges.EndAllSessionsAsync(sessions, auditLog, user.Id, SessionRevocation.RolesChanged, "role_change", now, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
