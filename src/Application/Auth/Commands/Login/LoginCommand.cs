using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Login;

/// <summary>
/// Signs a user in and starts a session. <paramref name="IpAddress"/> and <paramref name="UserAgent"/> describe the
/// client for the session list; the WebApi fills them from the connection and the <c>User-Agent</c> header.
/// </summary>
public sealed record LoginCommand(string Email, string Password, string? IpAddress = null, string? UserAgent = null) : ICommand<Result<LoginResult>>;

/// <summary>A login's outcome: the tokens of a new session, or, for an account with a second factor, <see cref="Mfa"/> and no tokens.</summary>
public sealed record LoginResult(UserDto User, TokenPair? Tokens)
{
    public MfaChallenge? Mfa { get; init; }
}

/// <summary>The password was right; the login completes at <c>/api/auth/login/mfa</c> with the token and one of the methods.</summary>
public sealed record MfaChallenge(string MfaToken, IReadOnlyList<string> Methods);

public sealed class LoginCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    IPasswordHashingGate hashingGate,
    ILoginThrottle loginThrottle,
    ITokenService tokenService,
    ISessionPolicy sessionPolicy,
    ISignInPolicy signInPolicy,
    ISecondFactorRepository secondFactors,
    OneTimeTokens oneTimeTokens,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    IMapper mapper,
    IAuthMetrics metrics) : ICommandHandler<LoginCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(command.Email);
        var now = timeProvider.GetUtcNow();

        // No database call happens while a permit of the hashing gate is held: with the database hung, a permit held
        // across a query would keep every request queued behind it waiting one command timeout after another.
        // Refused before any query: under a flood, a refusal costs no more than it must.
        if (!hashingGate.IsAdmitting)
        {
            return Refuse(LoginOutcome.Busy, AuthErrors.BusyFor(hashingGate.RetryAfter));
        }

        // The attempt is counted as a failure before the password is checked, in one statement, unless the email is
        // blocked: a blocked email costs no lookup and no bcrypt, known or not, and guesses that arrive together each
        // count before any of them is hashed, on every instance.
        if (await loginThrottle.TryCountAttemptAsync(email, now, cancellationToken) is { } blocked)
        {
            await auditLog.WriteAsync(Refusal(AuditEventTypes.LoginThrottled, subject: null, email), CancellationToken.None);
            return Refuse(LoginOutcome.Throttled, AuthErrors.LoginThrottled(blocked));
        }

        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (await VerifyWithPermitAsync(command.Password, user, cancellationToken) is not { } verification)
        {
            // Refused by the gate: the password was not checked, so the attempt does not count.
            await loginThrottle.UncountAttemptAsync(email, CancellationToken.None);
            return Refuse(LoginOutcome.Busy, AuthErrors.BusyFor(hashingGate.RetryAfter));
        }

        if (user is null || verification == PasswordVerification.Failed)
        {
            // Already counted, before the hash: a disconnect cannot erase a guess.
            await auditLog.WriteAsync(Refusal(AuditEventTypes.LoginFailed, user?.Id, email), CancellationToken.None);
            return Refuse(LoginOutcome.Invalid, AuthErrors.InvalidCredentials);
        }

        await loginThrottle.ResetAsync(email, cancellationToken);

        // Only after the password matched: someone without it learns nothing about the account.
        if (user.IsDisabled)
        {
            await auditLog.WriteAsync(Refusal(AuditEventTypes.LoginRefused, user.Id, email, "disabled"), CancellationToken.None);
            return Refuse(LoginOutcome.Disabled, AuthErrors.AccountDisabled);
        }

        if (signInPolicy.RequireVerifiedEmail && !user.EmailVerified)
        {
            await auditLog.WriteAsync(Refusal(AuditEventTypes.LoginRefused, user.Id, email, "email_not_verified"), CancellationToken.None);
            return Refuse(LoginOutcome.Unverified, AuthErrors.EmailNotVerified);
        }

        // Issue 12: with a second factor, the password only earns a short-lived, single-use mfaToken.
        if (await secondFactors.MethodsOfAsync(user.Id, cancellationToken) is { Count: > 0 } methods)
        {
            return await ChallengeAsync(user, methods, now, cancellationToken);
        }

        var refreshSecret = tokenService.CreateRefreshToken();
        var session = Session.Start(user.Id, command.IpAddress, command.UserAgent, now, sessionPolicy.AbsoluteLifetime);
        var refreshToken = RefreshToken.IssueForSession(
            session, refreshSecret.Hash, now, session.RefreshTokenLifetime(now, tokenService.RefreshTokenLifetime));

        sessions.Add(session);
        refreshTokens.Add(refreshToken);
        user.RecordLogin(now);
        auditLog.Add(new AuditEntry(AuditEventTypes.LoginSucceeded, user.Id, Details: new Dictionary<string, object?> { ["sessionId"] = session.Id }));

        // The user row's password hash is a concurrency token: when a reset stored a new password after this login read
        // the old one, nothing is saved and no session starts.
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return Refuse(LoginOutcome.Invalid, AuthErrors.InvalidCredentials);
        }

        var accessToken = tokenService.CreateAccessToken(user, session.Id, session.AuthenticationMethods, now);
        metrics.LoginAttempted(LoginOutcome.Succeeded);
        return new LoginResult(
            mapper.Map<UserDto>(user),
            new TokenPair(accessToken.Value, refreshSecret.Value, accessToken.ExpiresInSeconds));
    }

    private Error Refuse(LoginOutcome outcome, Error error)
    {
        metrics.LoginAttempted(outcome);
        return error;
    }

    private async Task<Result<LoginResult>> ChallengeAsync(User user, IReadOnlyList<string> methods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Several logins may be pending at once (two devices): earlier mfaTokens are not retired.
        var mfaToken = oneTimeTokens.IssueFirst(user.Id, UserTokenPurpose.MfaLogin, now);
        // Stores the token, and a rehashed password with it; the password hash guards against a concurrent reset.
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return Refuse(LoginOutcome.Invalid, AuthErrors.InvalidCredentials);
        }

        metrics.LoginAttempted(LoginOutcome.Mfa);
        return new LoginResult(mapper.Map<UserDto>(user), null) { Mfa = new MfaChallenge(mfaToken, methods) };
    }

    /// <summary>A refused login: the account when the email holds one, otherwise only an HMAC of the email.</summary>
    private AuditEntry Refusal(string type, Guid? subject, string email, string? reason = null)
    {
        var details = new Dictionary<string, object?>();
        if (subject is null)
        {
            details["emailHmac"] = auditLog.EmailFingerprint(email);
        }

        if (reason is not null)
        {
            details["reason"] = reason;
        }

        return new AuditEntry(type, subject, AuditOutcome.Failure, details);
    }

    /// <summary>
    /// Checks the password holding a permit of the gate, and stores a new hash of it when the old one is of an older
    /// scheme or cost; null when the gate refused. The permit covers the hashing only.
    /// </summary>
    private async Task<PasswordVerification?> VerifyWithPermitAsync(string password, User? user, CancellationToken cancellationToken)
    {
        using var permit = await hashingGate.TryEnterAsync(cancellationToken);
        if (permit is null)
        {
            return null;
        }

        var verification = Verify(password, user);
        if (user is not null && verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.RehashPassword(passwordHasher.Hash(password));
        }

        return verification;
    }

    /// <summary>An unknown email spends one dummy verification, so it takes as long to refuse as a wrong password.</summary>
    private PasswordVerification Verify(string password, User? user)
    {
        if (user is null)
        {
            passwordHasher.VerifyAgainstDummy(password);
            return PasswordVerification.Failed;
        }

        return passwordHasher.Verify(password, user.PasswordHash);
    }
}
