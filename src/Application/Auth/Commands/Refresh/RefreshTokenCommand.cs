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
/// Rotates a refresh token. The common case (an active token of an active session) is one statement that checks, revokes,
/// inserts the successor and records the session's use; everything else is one read (token, session, user and successor
/// together) decided by the domain's rules, and at most one statement. A rotated token presented again gets the same
/// successor while that successor has never been used, however long ago the rotation was (a client retrying a lost
/// response, or concurrent tabs); once the successor has been used, a rotated token presented after
/// <see cref="ISessionPolicy.RefreshReuseGrace"/> is treated as stolen and ends its session (ADR 0004).
/// </summary>
public sealed partial class RefreshTokenCommandHandler(
    IRefreshTokenRepository refreshTokens,
    ISessionRepository sessions,
    ITokenService tokenService,
    IRefreshTokenSuccessors successors,
    ISessionPolicy sessionPolicy,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider,
    IAuthMetrics metrics,
    ILogger<RefreshTokenCommandHandler> logger) : ICommandHandler<RefreshTokenCommand, Result<TokenPair>>
{
    public async ValueTask<Result<TokenPair>> Handle(RefreshTokenCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tokenHash = tokenService.HashRefreshToken(command.RefreshToken);
        var successorSecret = successors.Create(command.RefreshToken);

        // The common case in one statement: an active token of an active session is rotated with the domain's checks
        // applied in the database. Anything else (and a rotation lost to a concurrent one) is decided below from the chain.
        var rotatedInOne = await refreshTokens.TryRotateActiveAsync(
            new ActiveTokenRotation(
                tokenHash, Guid.CreateVersion7(now), successorSecret.Hash, successorSecret.Salt, now, sessionPolicy.IdleTimeout,
                tokenService.RefreshTokenLifetime),
            cancellationToken);
        if (rotatedInOne is not null)
        {
            metrics.RefreshAttempted(RefreshOutcome.Rotated);
            var accessToken = tokenService.CreateAccessToken(rotatedInOne.Subject, rotatedInOne.SessionId, rotatedInOne.AuthenticationMethods, now);
            return new TokenPair(accessToken.Value, successorSecret.Value, accessToken.ExpiresInSeconds);
        }

        var chain = await refreshTokens.FindChainByHashAsync(tokenHash, cancellationToken);

        if (chain is null)
        {
            return Refuse(RefreshOutcome.Expired);
        }

        var current = chain.Token;

        // Replay is checked before expiry: a rotated token is evidence of theft however old it is.
        if (current.IsRevoked)
        {
            return await AnswerReplayAsync(chain, command.RefreshToken, now, cancellationToken);
        }

        if (current.IsExpired(now))
        {
            return Refuse(RefreshOutcome.Expired);
        }

        if (chain.Session is not { } session || !session.IsActive(now, sessionPolicy.IdleTimeout) || chain.User is not { IsDisabled: false } user)
        {
            return Refuse(RefreshOutcome.Expired);
        }

        var successor = current.Rotate(
            successorSecret.Hash, successorSecret.Salt, now, session.RefreshTokenLifetime(now, tokenService.RefreshTokenLifetime));
        session.RecordUse(now);

        if (!await refreshTokens.TryRotateAsync(current, successor, cancellationToken))
        {
            // Another request rotated this very token first: answer as a replay of the token it rotated.
            var rotated = await refreshTokens.FindChainByHashAsync(tokenHash, cancellationToken);
            return rotated is null
                ? Refuse(RefreshOutcome.Expired)
                : await AnswerReplayAsync(rotated, command.RefreshToken, now, cancellationToken);
        }

        return Issue(RefreshOutcome.Rotated, user, session, successorSecret.Value, now);
    }

    /// <summary>
    /// A token that is no longer active was presented. While the successor it was rotated to has never been used, the
    /// caller is the client that rotated it (retrying a lost response, or a concurrent tab) and gets that same successor.
    /// Otherwise: within the grace window it is refused (a tab that lost a race to a client that has moved on); after it,
    /// the session is treated as stolen.
    /// </summary>
    private async Task<Result<TokenPair>> AnswerReplayAsync(RefreshTokenChain chain, string presentedToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var replayed = chain.Token;
        if (!replayed.WasRotated)
        {
            // Ended by a logout or with its session: nothing more to revoke.
            return Refuse(RefreshOutcome.Expired);
        }

        if (replayed.SuccessorSalt is { } salt && chain.Successor is { } successor && successor.IsActive(now))
        {
            // Only the holder of the presented token can recompute the successor; the hash check proves it is the one stored.
            var secret = successors.Recreate(presentedToken, salt);
            if (!string.Equals(successor.TokenHash, secret.Hash, StringComparison.Ordinal)
                || chain.Session is not { } session || !session.IsActive(now, sessionPolicy.IdleTimeout) || chain.User is not { IsDisabled: false } user)
            {
                return Refuse(RefreshOutcome.Expired);
            }

            return Issue(RefreshOutcome.Grace, user, session, secret.Value, now);
        }

        if (replayed.IsWithinReuseGrace(now, sessionPolicy.RefreshReuseGrace))
        {
            // The successor has moved on already: a concurrent request lost the race; nothing is stolen yet.
            return Refuse(RefreshOutcome.Expired);
        }

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
        return Refuse(RefreshOutcome.ReuseDetected);
    }

    /// <summary>The access token keeps the <c>amr</c> of the session's login.</summary>
    private TokenPair Issue(RefreshOutcome outcome, User user, Session session, string refreshToken, DateTimeOffset now)
    {
        metrics.RefreshAttempted(outcome);
        var accessToken = tokenService.CreateAccessToken(user, session.Id, session.AuthenticationMethods, now);
        return new TokenPair(accessToken.Value, refreshToken, accessToken.ExpiresInSeconds);
    }

    private Error Refuse(RefreshOutcome outcome)
    {
        metrics.RefreshAttempted(outcome);
        return AuthErrors.InvalidRefreshToken;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated refresh token replayed after its successor was used and the grace window ended, for user {UserId}: session {SessionId} revoked ({Revoked})")]
    private static partial void LogReuse(ILogger logger, Guid userId, Guid sessionId, bool revoked);
}
