using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Logout;

/// <summary>
/// Ends sessions of the caller, as <paramref name="Scope"/> says (<see cref="LogoutScope"/>; <c>current</c> when
/// null). With scope <c>current</c>, the session of the access token (<paramref name="SessionId"/>) ends and, when a
/// refresh token of the caller is given, the session that token belongs to. Logging out is idempotent.
/// </summary>
public sealed record LogoutCommand(Guid UserId, Guid SessionId, string? RefreshToken, string? Scope = null) : ICommand<Result<Unit>>;

public sealed class LogoutCommandHandler(
    ISessionRepository sessions,
    IRefreshTokenRepository refreshTokens,
    ITokenService tokenService,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<LogoutCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var scope = command.Scope ?? LogoutScope.Current;
        // The sessions end and their event is recorded in one transaction.
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var ended = scope switch
        {
            LogoutScope.All => await sessions.RevokeAllForUserAsync(command.UserId, SessionRevocation.Logout, now, exceptSessionId: null, cancellationToken),
            LogoutScope.Others => await sessions.RevokeAllForUserAsync(command.UserId, SessionRevocation.Logout, now, command.SessionId, cancellationToken),
            _ => await LogoutCurrentAsync(command, now, cancellationToken),
        };

        if (ended > 0)
        {
            auditLog.Add(new AuditEntry(AuditEventTypes.SessionEnded, command.UserId, Details: new Dictionary<string, object?>
            {
                ["reason"] = "logout",
                ["scope"] = scope,
                ["sessions"] = ended,
            }));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<int> LogoutCurrentAsync(LogoutCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ended = await sessions.RevokeAsync(command.UserId, command.SessionId, SessionRevocation.Logout, now, cancellationToken) ? 1 : 0;

        if (!string.IsNullOrEmpty(command.RefreshToken))
        {
            var token = await refreshTokens.FindByHashAsync(tokenService.HashRefreshToken(command.RefreshToken), cancellationToken);

            // Someone else's token is ignored: a caller can only end its own sessions.
            if (token is not null && token.UserId == command.UserId && token.SessionId != command.SessionId)
            {
                ended += await sessions.RevokeAsync(command.UserId, token.SessionId, SessionRevocation.Logout, now, cancellationToken) ? 1 : 0;
            }
        }

        return ended;
    }
}
