using AuthFlow.Application.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Application.Auth.Commands.Refresh;

public sealed record RefreshTokenCommand(string RefreshToken) : ICommand<Result<TokenPair>>;

/// <summary>
/// Rotates a refresh token. Concurrent refreshes of one token (several tabs) all get the same successor for
/// <see cref="ISessionPolicy.RefreshReuseGrace"/> after the rotation; a rotated token presented after that is
/// treated as stolen and ends its session (ADR 0004).
/// </summary>
public sealed partial class RefreshTokenCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IRefreshTokenRepository refreshTokens,
    ITokenService tokenService,
    IRefreshTokenSuccessors successors,
    ISessionPolicy sessionPolicy,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider,
    ILogger<RefreshTokenCommandHandler> logger) : ICommandHandler<RefreshTokenCommand, Result<TokenPair>>
{
    public async ValueTask<Result<TokenPair>> Handle(RefreshTokenCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tokenHash = tokenService.HashRefreshToken(command.RefreshToken);
        var current = await refreshTokens.FindByHashAsync(tokenHash, cancellationToken);

        if (current is null)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        // Replay is checked before expiry: a rotated token is evidence of theft however old it is.
        if (current.IsRevoked)
        {
            return await AnswerReplayAsync(current, command.RefreshToken, now, cancellationToken);
        }

        if (current.IsExpired(now))
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var session = await sessions.FindByIdAsync(current.SessionId, cancellationToken);
        if (session is null || !session.IsActive(now, sessionPolicy.IdleTimeout))
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var user = await users.FindByIdAsync(current.UserId, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var successorSecret = successors.Create(command.RefreshToken);
        var successor = current.Rotate(
            successorSecret.Hash, successorSecret.Salt, now, session.RefreshTokenLifetime(now, tokenService.RefreshTokenLifetime));
        session.RecordUse(now);

        if (!await refreshTokens.TryRotateAsync(current, successor, cancellationToken))
        {
            // Another request rotated this very token first: answer as a replay of the token it rotated.
            var rotated = await refreshTokens.FindByHashAsync(tokenHash, cancellationToken);
            return rotated is null
                ? AuthErrors.InvalidRefreshToken
                : await AnswerReplayAsync(rotated, command.RefreshToken, now, cancellationToken);
        }

        AuthFlowMetrics.RefreshRotations.Add(1);
        return Issue(user, session.Id, successorSecret.Value, now);
    }

    /// <summary>
    /// A token that is no longer active was presented. Within the grace window after its rotation the caller gets the
    /// same successor as the request that rotated it; after the window the session is treated as stolen.
    /// </summary>
    private async Task<Result<TokenPair>> AnswerReplayAsync(RefreshToken replayed, string presentedToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!replayed.WasRotated)
        {
            // Ended by a logout or with its session: nothing more to revoke.
            return AuthErrors.InvalidRefreshToken;
        }

        if (!replayed.IsWithinReuseGrace(now, sessionPolicy.RefreshReuseGrace))
        {
            // Not cancellable: a thief who drops the connection must not keep the session alive. The event commits with
            // the revocation.
            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            var revoked = await sessions.RevokeAsync(replayed.UserId, replayed.SessionId, SessionRevocation.ReuseDetected, now, CancellationToken.None);
            auditLog.Add(new AuditEntry(AuditEventTypes.RefreshReuseDetected, replayed.UserId, AuditOutcome.Failure, new Dictionary<string, object?>
            {
                ["sessionId"] = replayed.SessionId,
                ["sessionEnded"] = revoked,
            }));
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            LogReuse(logger, replayed.UserId, replayed.SessionId, revoked);
            return AuthErrors.InvalidRefreshToken;
        }

        // Only the holder of the presented token can recompute the successor; the hash check proves it is the one stored.
        var secret = successors.Recreate(presentedToken, replayed.SuccessorSalt!);
        var successor = await refreshTokens.FindByIdAsync(replayed.ReplacedByTokenId!.Value, cancellationToken);
        if (successor is null || !successor.IsActive(now) || !string.Equals(successor.TokenHash, secret.Hash, StringComparison.Ordinal))
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var session = await sessions.FindByIdAsync(replayed.SessionId, cancellationToken);
        var user = await users.FindByIdAsync(replayed.UserId, cancellationToken);
        if (session is null || !session.IsActive(now, sessionPolicy.IdleTimeout) || user is null || user.IsDisabled)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        return Issue(user, session.Id, secret.Value, now);
    }

    private TokenPair Issue(User user, Guid sessionId, string refreshToken, DateTimeOffset now)
    {
        var accessToken = tokenService.CreateAccessToken(user, sessionId, now);
        return new TokenPair(accessToken.Value, refreshToken, accessToken.ExpiresInSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated refresh token replayed after the grace window for user {UserId}: session {SessionId} revoked ({Revoked})")]
    private static partial void LogReuse(ILogger logger, Guid userId, Guid sessionId, bool revoked);
}
