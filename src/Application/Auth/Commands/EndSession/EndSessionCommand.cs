using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.EndSession;

/// <summary>Ends one of the caller's sessions, which may be the current one.</summary>
public sealed record EndSessionCommand(Guid UserId, Guid SessionId) : ICommand<Result<Unit>>;

public sealed class EndSessionCommandHandler(
    ISessionRepository sessions,
    TimeProvider timeProvider) : ICommandHandler<EndSessionCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        // Unknown, ended and someone else's sessions answer alike: the caller learns nothing about other users.
        var ended = await sessions.RevokeAsync(command.UserId, command.SessionId, SessionRevocation.Logout, timeProvider.GetUtcNow(), cancellationToken);
        return ended ? Unit.Value : AuthErrors.SessionNotFound;
    }
}
