using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Login;

/// <summary>
/// Signs a user in and starts a session. <paramref name="IpAddress"/> and <paramref name="UserAgent"/> describe the
/// client for the session list; the WebApi fills them from the connection and the <c>User-Agent</c> header.
/// </summary>
public sealed record LoginCommand(string Email, string Password, string? IpAddress = null, string? UserAgent = null) : ICommand<Result<LoginResult>>;

public sealed record LoginResult(UserDto User, TokenPair Tokens);

public sealed class LoginCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    ITokenService tokenService,
    ISessionPolicy sessionPolicy,
    TimeProvider timeProvider,
    IMapper mapper) : ICommandHandler<LoginCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(command.Email), cancellationToken);
        if (user is null)
        {
            passwordHasher.VerifyAgainstDummy(command.Password);
            return AuthErrors.InvalidCredentials;
        }

        if (!passwordHasher.Verify(command.Password, user.PasswordHash))
        {
            return AuthErrors.InvalidCredentials;
        }

        var now = timeProvider.GetUtcNow();
        var refreshSecret = tokenService.CreateRefreshToken();
        var session = Session.Start(user.Id, command.IpAddress, command.UserAgent, now, sessionPolicy.AbsoluteLifetime);
        var refreshToken = RefreshToken.IssueForSession(
            session, refreshSecret.Hash, now, session.RefreshTokenLifetime(now, tokenService.RefreshTokenLifetime));

        sessions.Add(session);
        refreshTokens.Add(refreshToken);
        user.RecordLogin(now);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        var accessToken = tokenService.CreateAccessToken(user, session.Id, now);
        return new LoginResult(
            mapper.Map<UserDto>(user),
            new TokenPair(accessToken.Value, refreshSecret.Value, accessToken.ExpiresInSeconds));
    }
}
