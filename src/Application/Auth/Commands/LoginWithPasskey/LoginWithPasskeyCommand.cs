using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.LoginWithPasskey;

/// <summary>Signs in without a password, with a passkey's assertion; the session's <c>amr</c> is <c>["hwk"]</c>.</summary>
public sealed record LoginWithPasskeyCommand(Guid ChallengeId, string CredentialJson, string? IpAddress = null, string? UserAgent = null)
    : ICommand<Result<LoginResult>>;

public sealed class LoginWithPasskeyCommandHandler(
    IUserRepository users,
    PasskeyCheck passkeyCheck,
    SignIn signIn,
    ISignInPolicy signInPolicy,
    TimeProvider timeProvider) : ICommandHandler<LoginWithPasskeyCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginWithPasskeyCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await passkeyCheck.VerifyAsync(command.ChallengeId, command.CredentialJson, now, cancellationToken) is not { } passkey
            || await users.FindByIdAsync(passkey.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidPasskey;
        }

        // Only after the passkey checked out: someone without it learns nothing about the account.
        if (user.IsDisabled)
        {
            return AuthErrors.AccountDisabled;
        }

        if (signInPolicy.RequireVerifiedEmail && !user.EmailVerified)
        {
            return AuthErrors.EmailNotVerified;
        }

        var login = await signIn.StartAsync(user, [AuthenticationMethods.HardwareKey], command.IpAddress, command.UserAgent, now, cancellationToken);
        return login is null ? AuthErrors.InvalidPasskey : login;
    }
}
