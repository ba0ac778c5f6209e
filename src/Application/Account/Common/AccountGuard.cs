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
    /// Checks the account's password as login does: refused while the account's email is throttled, the attempt counted
    /// before the hash (and forgotten when the password is right), the hash inside the gate with no database call
    /// while its permit is held. Null when the password is right.
    /// </summary>
    public async Task<Error?> ConfirmPasswordAsync(User user, string password, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!hashingGate.IsAdmitting)
        {
            return AuthErrors.Busy;
        }

        if (await loginThrottle.TryCountAttemptAsync(user.NormalizedEmail, now, cancellationToken) is { } blocked)
        {
            return AuthErrors.LoginThrottled(blocked);
        }

        PasswordVerification? verification;
        using (var permit = await hashingGate.TryEnterAsync(cancellationToken))
        {
            verification = permit is null ? null : passwordHasher.Verify(password, user.PasswordHash);
        }

        if (verification is null)
        {
            // The gate refused: the password was not checked, so the attempt does not count.
            await loginThrottle.UncountAttemptAsync(user.NormalizedEmail, CancellationToken.None);
            return AuthErrors.Busy;
        }

        if (verification == PasswordVerification.Failed)
        {
            // Already counted, before the hash, so a disconnect cannot erase it.
            return AuthErrors.InvalidPassword;
        }

        await loginThrottle.ResetAsync(user.NormalizedEmail, cancellationToken);
        return null;
    }
}
