using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.EndSession;

/// <summary>Ends one of the caller's sessions, which may be the current one.</summary>
public sealed record EndSessionCommand(Guid UserId, Guid SessionId) : ICommand<Result<Unit>>;

public sealed class EndSessionCommandHandler(
    ISessionRepository sessions,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<EndSessionCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        // Unknown, ended and someone else's sessions answer alike: the caller learns nothing about other users.
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        if (!await sessions.RevokeAsync(command.UserId, command.SessionId, SessionRevocation.Logout, timeProvider.GetUtcNow(), cancellationToken))
        {
            return AuthErrors.SessionNotFound;
        }

        auditLog.Add(new AuditEntry(AuditEventTypes.SessionEnded, command.UserId, Details: new Dictionary<string, object?>
        {
            ["reason"] = "logout",
            ["sessionId"] = command.SessionId,
        }));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
