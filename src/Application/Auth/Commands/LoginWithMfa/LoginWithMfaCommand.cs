using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.LoginWithMfa;

/// <summary>
/// Completes a login that needs a second factor: the <paramref name="MfaToken"/> from the password step and a TOTP
/// <paramref name="Code"/> or a <paramref name="RecoveryCode"/> (<c>amr</c> <c>["pwd","otp"]</c>), or a passkey's assertion
/// (<paramref name="PasskeyCredentialJson"/> answering <paramref name="PasskeyChallengeId"/>; <c>amr</c> <c>["pwd","hwk"]</c>).
/// </summary>
public sealed record LoginWithMfaCommand(
    string MfaToken,
    string? Code,
    string? RecoveryCode,
    string? IpAddress = null,
    string? UserAgent = null,
    Guid? PasskeyChallengeId = null,
    string? PasskeyCredentialJson = null) : ICommand<Result<LoginResult>>;

public sealed class LoginWithMfaCommandHandler(
    OneTimeTokens oneTimeTokens,
    SecondFactorCheck secondFactorCheck,
    PasskeyCheck passkeyCheck,
    SignIn signIn,
    TimeProvider timeProvider) : ICommandHandler<LoginWithMfaCommand, Result<LoginResult>>
{
    public async ValueTask<Result<LoginResult>> Handle(LoginWithMfaCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await oneTimeTokens.FindRedeemableAsync(command.MfaToken, UserTokenPurpose.MfaLogin, now, cancellationToken) is not var (token, user))
        {
            return AuthErrors.InvalidMfaToken;
        }

        // A wrong code leaves the mfaToken usable until it expires; the per-account throttle bounds the guesses.
        Result<string> check = command.PasskeyChallengeId is { } challengeId
            ? await passkeyCheck.VerifyAsync(challengeId, command.PasskeyCredentialJson ?? "", now, cancellationToken) is { } passkey && passkey.UserId == user.Id
                ? AuthenticationMethods.HardwareKey
                : AuthErrors.InvalidPasskey
            : await secondFactorCheck.VerifyAsync(user.Id, command.Code, command.RecoveryCode, now, cancellationToken);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        // An account disabled between the password and the second factor does not get a session.
        if (user.IsDisabled)
        {
            return AuthErrors.AccountDisabled;
        }

        // used_at of the token, the code's time step and the recovery code's used_at are concurrency tokens: of two
        // requests racing with the same token or code, one stores nothing.
        token.Consume(now);
        var login = await signIn.StartAsync(
            user, [AuthenticationMethods.Password, check.Value], command.IpAddress, command.UserAgent, now, cancellationToken);
        return login is null ? AuthErrors.InvalidMfaToken : login;
    }
}
