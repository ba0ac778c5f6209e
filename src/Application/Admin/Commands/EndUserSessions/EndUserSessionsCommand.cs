using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.EndUserSessions;

/// <summary>Ends every session of an account (none left is no error).</summary>
public sealed record EndUserSessionsCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class EndUserSessionsCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<EndUserSessionsCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(EndUserSessionsCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is null)
        {
            return AuthErrors.UserNotFound;
        }

        await AdminChanges.EndAllSessionsAsync(
            sessions, auditLog, command.UserId, SessionRevocation.EndedByAdmin, "admin", timeProvider.GetUtcNow(), cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
