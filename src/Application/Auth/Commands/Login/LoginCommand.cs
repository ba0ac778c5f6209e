using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Login;

public sealed record LoginCommand(string Email, string Password) : ICommand<Result<LoginResult>>;

public sealed record LoginResult(UserDto User, TokenPair Tokens);

public sealed class LoginCommandHandler(
    IUserRepository users,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    ITokenService tokenService,
    ISignInPolicy signInPolicy,
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

        // Only after the password matched: someone without it learns nothing about the account.
        if (signInPolicy.RequireVerifiedEmail && !user.EmailVerified)
        {
            return AuthErrors.EmailNotVerified;
        }

        var now = timeProvider.GetUtcNow();
        var refreshSecret = tokenService.CreateRefreshToken();
        var refreshToken = RefreshToken.IssueForNewSession(user.Id, refreshSecret.Hash, now, tokenService.RefreshTokenLifetime);

        refreshTokens.Add(refreshToken);
        user.RecordLogin(now);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        var accessToken = tokenService.CreateAccessToken(user, refreshToken.SessionId, now);
        return new LoginResult(
            mapper.Map<UserDto>(user),
            new TokenPair(accessToken.Value, refreshSecret.Value, accessToken.ExpiresInSeconds));
    }
}
