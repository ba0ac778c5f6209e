using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.GrantRole;

/// <summary>
/// Grants a role (created on first use). Idempotent: granting a held role changes nothing and returns false. A change
/// ends every session of the user, whose next login carries the new roles.
/// </summary>
public sealed record GrantRoleCommand(Guid UserId, string Role) : ICommand<Result<bool>>;

public sealed class GrantRoleCommandHandler(
    IUserRepository users,
    IRoleRepository roles,
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<GrantRoleCommand, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(GrantRoleCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        await roles.EnsureExistsAsync(command.Role, cancellationToken);
        // Changes to who holds a role are made one at a time.
        await roles.LockAndCountActiveHoldersAsync(command.Role, cancellationToken);

        var user = await users.FindByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.UserNotFound;
        }

        if (!user.GrantRole(command.Role, now))
        {
            return false;
        }

        auditLog.Add(new AuditEntry(AuditEventTypes.RoleGranted, user.Id, Details: new Dictionary<string, object?> { ["role"] = command.Role }));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await AdminChanges.EndAllSessionsAsync(sessions, auditLog, user.Id, SessionRevocation.RolesChanged, "role_change", now, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
