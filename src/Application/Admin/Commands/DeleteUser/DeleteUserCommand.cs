using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.DeleteUser;

/// <summary>
/// Erases an account and its personal data (see <see cref="IUserRepository.EraseAsync"/>). Its audit events remain,
/// keyed by the account id; they never held the email or username. The last active admin cannot be erased.
/// </summary>
public sealed record DeleteUserCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class DeleteUserCommandHandler(
    IUserRepository users,
    IRoleRepository roles,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork) : ICommandHandler<DeleteUserCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(DeleteUserCommand command, CancellationToken cancellationToken)
    {
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

        auditLog.Add(new AuditEntry(AuditEventTypes.UserDeleted, user.Id));
        await users.EraseAsync(user, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
