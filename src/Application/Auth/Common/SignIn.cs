using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using MapsterMapper;

namespace AuthFlow.Application.Auth.Common;

/// <summary>Starts a session for a user who has proved who they are, and issues its first tokens.</summary>
public sealed class SignIn(
    ISessionRepository sessions,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    ITokenService tokenService,
    ISessionPolicy sessionPolicy,
    IAuditLog auditLog,
    IMapper mapper)
{
    /// <summary>
    /// Stores the session with every other tracked change (the used mfaToken, the accepted code) in one save. Null, and
    /// nothing stored, when a concurrency token shows another request got there first.
    /// </summary>
    public async Task<LoginResult?> StartAsync(
        User user, IReadOnlyCollection<string> authenticationMethods, string? ipAddress, string? userAgent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var refreshSecret = tokenService.CreateRefreshToken();
        var session = Session.Start(user.Id, ipAddress, userAgent, now, sessionPolicy.AbsoluteLifetime, authenticationMethods);
        var refreshToken = RefreshToken.IssueForSession(
            session, refreshSecret.Hash, now, session.RefreshTokenLifetime(now, tokenService.RefreshTokenLifetime));

        sessions.Add(session);
        refreshTokens.Add(refreshToken);
        user.RecordLogin(now);
        auditLog.Add(new AuditEntry(
            AuditEventTypes.LoginSucceeded, user.Id,
            Details: new Dictionary<string, object?> { ["sessionId"] = session.Id, ["amr"] = string.Join(' ', session.AuthenticationMethods) }));
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return null;
        }

        var accessToken = tokenService.CreateAccessToken(user, session.Id, session.AuthenticationMethods, now);
        return new LoginResult(
            mapper.Map<UserDto>(user),
            new TokenPair(accessToken.Value, refreshSecret.Value, accessToken.ExpiresInSeconds));
    }
}
