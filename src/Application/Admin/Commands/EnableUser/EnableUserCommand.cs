using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.EnableUser;

/// <summary>Enables a disabled account; it logs in again with its password. Enabling an enabled account changes nothing.</summary>
public sealed record EnableUserCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class EnableUserCommandHandler(
    IUserRepository users,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork) : ICommandHandler<EnableUserCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(EnableUserCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.UserNotFound;
        }

        if (user.Enable())
        {
            auditLog.Add(new AuditEntry(AuditEventTypes.UserEnabled, user.Id));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
