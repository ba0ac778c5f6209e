using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Account.Common;

/// <summary>What a signed-in user must show before a sensitive change of their account: a recent second factor, the password.</summary>
public sealed class AccountGuard(
    ISecondFactorRepository secondFactors,
    ILoginThrottle loginThrottle,
    IPasswordHasher passwordHasher,
    IPasswordHashingGate hashingGate,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Step-up: when the account has a second factor, the login behind the access token (its <c>amr</c>) must have
    /// used one; otherwise <see cref="AuthErrors.MfaRequired"/>. Null when the change may go ahead.
    /// </summary>
    public async Task<Error?> RequireStepUpAsync(Guid userId, IReadOnlyCollection<string> authenticationMethods, CancellationToken cancellationToken)
    {
        if (AuthenticationMethods.IncludeSecondFactor(authenticationMethods))
        {
            return null;
        }

        var methods = await secondFactors.MethodsOfAsync(userId, cancellationToken);
        return methods.Count > 0 ? AuthErrors.MfaRequired : null;
    }

    /// <summary>
    /// Checks the account's password as login does: inside the hashing gate, refused while the account's email is
    /// throttled, and a wrong one counts toward that throttle. Null when the password is right.
    /// </summary>
    public async Task<Error?> ConfirmPasswordAsync(User user, string password, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        using var permit = await hashingGate.TryEnterAsync(cancellationToken);
        if (permit is null)
        {
            return AuthErrors.Busy;
        }

        if (await loginThrottle.GetRemainingBlockAsync(user.NormalizedEmail, now, cancellationToken) is { } blocked)
        {
            return AuthErrors.LoginThrottled(blocked);
        }

        if (passwordHasher.Verify(password, user.PasswordHash) == PasswordVerification.Failed)
        {
            // Counted even if the client has gone, as login does.
            await loginThrottle.RecordFailureAsync(user.NormalizedEmail, now, CancellationToken.None);
            return AuthErrors.InvalidPassword;
        }

        await loginThrottle.ResetAsync(user.NormalizedEmail, cancellationToken);
        return null;
    }
}
