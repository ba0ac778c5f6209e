using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
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
    TimeProvider timeProvider) : ICommandHandler<LogoutCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        switch (command.Scope ?? LogoutScope.Current)
        {
            case LogoutScope.All:
                await sessions.RevokeAllForUserAsync(command.UserId, SessionRevocation.Logout, now, exceptSessionId: null, cancellationToken);
                break;
            case LogoutScope.Others:
                await sessions.RevokeAllForUserAsync(command.UserId, SessionRevocation.Logout, now, command.SessionId, cancellationToken);
                break;
            default:
                await LogoutCurrentAsync(command, now, cancellationToken);
                break;
        }

        return Unit.Value;
    }

    private async Task LogoutCurrentAsync(LogoutCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(command.UserId, command.SessionId, SessionRevocation.Logout, now, cancellationToken);

        if (!string.IsNullOrEmpty(command.RefreshToken))
        {
            var token = await refreshTokens.FindByHashAsync(tokenService.HashRefreshToken(command.RefreshToken), cancellationToken);

            // Someone else's token is ignored: a caller can only end its own sessions.
            if (token is not null && token.UserId == command.UserId && token.SessionId != command.SessionId)
            {
                await sessions.RevokeAsync(command.UserId, token.SessionId, SessionRevocation.Logout, now, cancellationToken);
            }
        }
    }
}
