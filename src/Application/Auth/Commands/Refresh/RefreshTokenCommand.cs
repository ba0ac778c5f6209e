using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Application.Auth.Commands.Refresh;

public sealed record RefreshTokenCommand(string RefreshToken) : ICommand<Result<TokenPair>>;

public sealed partial class RefreshTokenCommandHandler(
    IUserRepository users,
    IRefreshTokenRepository refreshTokens,
    ITokenService tokenService,
    TimeProvider timeProvider,
    ILogger<RefreshTokenCommandHandler> logger) : ICommandHandler<RefreshTokenCommand, Result<TokenPair>>
{
    public async ValueTask<Result<TokenPair>> Handle(RefreshTokenCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var current = await refreshTokens.FindByHashAsync(tokenService.HashRefreshToken(command.RefreshToken), cancellationToken);

        if (current is null)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        // Replay is checked before expiry: a rotated token is evidence of theft however old it is.
        if (current.IsRevoked)
        {
            if (current.WasRotated)
            {
                await RevokeStolenSessionAsync(current, now, cancellationToken);
            }

            return AuthErrors.InvalidRefreshToken;
        }

        if (current.IsExpired(now))
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var user = await users.FindByIdAsync(current.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var successorSecret = tokenService.CreateRefreshToken();
        var successor = current.Rotate(successorSecret.Hash, now, tokenService.RefreshTokenLifetime);

        if (!await refreshTokens.TryRotateAsync(current, successor, cancellationToken))
        {
            // Another request rotated this very token first: the same token was presented twice.
            await RevokeStolenSessionAsync(current, now, cancellationToken);
            return AuthErrors.InvalidRefreshToken;
        }

        var accessToken = tokenService.CreateAccessToken(user, successor.SessionId, now);
        return new TokenPair(accessToken.Value, successorSecret.Value, accessToken.ExpiresInSeconds);
    }

    private async Task RevokeStolenSessionAsync(RefreshToken replayed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revoked = await refreshTokens.RevokeSessionAsync(replayed.UserId, replayed.SessionId, RefreshTokenRevocation.ReuseDetected, now, cancellationToken);
        LogReuse(logger, replayed.UserId, replayed.SessionId, revoked);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated refresh token replayed for user {UserId}: session {SessionId} revoked ({Revoked} active tokens)")]
    private static partial void LogReuse(ILogger logger, Guid userId, Guid sessionId, int revoked);
}
