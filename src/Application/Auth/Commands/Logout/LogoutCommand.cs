using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Logout;

/// <summary>
/// Ends the caller's session: the one of the access token (<paramref name="SessionId"/>) and, when a refresh token
/// of the caller is given, the session that token belongs to. Logging out is idempotent.
/// </summary>
public sealed record LogoutCommand(Guid UserId, Guid SessionId, string? RefreshToken) : ICommand<Result<Unit>>;

public sealed class LogoutCommandHandler(
    IRefreshTokenRepository refreshTokens,
    ITokenService tokenService,
    TimeProvider timeProvider) : ICommandHandler<LogoutCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await refreshTokens.RevokeSessionAsync(command.UserId, command.SessionId, RefreshTokenRevocation.Logout, now, cancellationToken);

        if (!string.IsNullOrEmpty(command.RefreshToken))
        {
            var token = await refreshTokens.FindByHashAsync(tokenService.HashRefreshToken(command.RefreshToken), cancellationToken);

            // Someone else's token is ignored: a caller can only end its own sessions.
            if (token is not null && token.UserId == command.UserId && token.SessionId != command.SessionId)
            {
                await refreshTokens.RevokeSessionAsync(command.UserId, token.SessionId, RefreshTokenRevocation.Logout, now, cancellationToken);
            }
        }

        return Unit.Value;
    }
}
