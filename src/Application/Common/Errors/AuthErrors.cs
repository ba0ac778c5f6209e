using AuthFlow.Application.Common.Results;

namespace AuthFlow.Application.Common.Errors;

/// <summary>The catalogue of expected authentication failures. Codes are part of the public contract.</summary>
public static class AuthErrors
{
    /// <summary>Unknown email and wrong password share this one error so that neither can be told apart.</summary>
    public static readonly Error InvalidCredentials =
        new("invalid_credentials", "The email or password is incorrect.", ErrorKind.Unauthorized);

    public static readonly Error EmailTaken =
        new("email_taken", "An account with this email already exists.", ErrorKind.Conflict);

    /// <summary>Unknown, expired, revoked and replayed refresh tokens all answer alike.</summary>
    public static readonly Error InvalidRefreshToken =
        new("invalid_refresh_token", "The refresh token is invalid, expired or revoked.", ErrorKind.Unauthorized);

    /// <summary>A well-signed access token whose subject no longer exists.</summary>
    public static readonly Error InvalidToken =
        new("invalid_token", "The access token is not valid.", ErrorKind.Unauthorized);

    /// <summary>Unknown, ended and someone else's sessions all answer alike.</summary>
    public static readonly Error SessionNotFound =
        new("session_not_found", "No such active session.", ErrorKind.NotFound);

    /// <summary>Key rotation asked of a service whose HS256 key is the configured secret.</summary>
    public static readonly Error SigningKeysNotManaged =
        new("signing_keys_not_managed", "Jwt:Algorithm is HS256: the signing key is Jwt:SigningKey, which the service does not store or rotate.", ErrorKind.Validation);

    /// <summary>
    /// Too many consecutive failed logins for this email. Answered alike whether or not an account holds the email,
    /// and before any password is checked.
    /// </summary>
    public static Error LoginThrottled(TimeSpan retryAfter) =>
        new("login_throttled", "Too many failed logins for this email. Try again later.", ErrorKind.TooManyRequests) { RetryAfter = retryAfter };

    /// <summary>Every password-hashing slot and its short queue are taken; the request did no work.</summary>
    public static readonly Error Busy =
        new("busy", "The service is busy. Try again shortly.", ErrorKind.Unavailable) { RetryAfter = TimeSpan.FromSeconds(1) };

    /// <summary>Unknown, expired, used and superseded reset tokens all answer alike.</summary>
    public static readonly Error InvalidResetToken =
        new("invalid_reset_token", "The password reset link is invalid or has expired.", ErrorKind.Validation);

    /// <summary>Unknown, expired, used and superseded verification tokens all answer alike.</summary>
    public static readonly Error InvalidVerificationToken =
        new("invalid_verification_token", "The email verification link is invalid or has expired.", ErrorKind.Validation);

    /// <summary>The password was right, but <c>Auth:RequireVerifiedEmail</c> is on and the address is not verified yet.</summary>
    public static readonly Error EmailNotVerified =
        new("email_not_verified", "Verify your email address before logging in.", ErrorKind.Forbidden);

    /// <summary>
    /// The password was right, but an administrator disabled the account. A wrong password still gets
    /// <see cref="InvalidCredentials"/>, so only the account's holder learns it is disabled.
    /// </summary>
    public static readonly Error AccountDisabled =
        new("account_disabled", "This account is disabled.", ErrorKind.Forbidden);

    /// <summary>An admin route named an account that does not exist (or was erased).</summary>
    public static readonly Error UserNotFound =
        new("user_not_found", "No such user.", ErrorKind.NotFound);

    /// <summary>The change would leave no active administrator: nobody could manage the accounts any more.</summary>
    public static readonly Error LastAdmin =
        new("last_admin", "This is the last active administrator: grant the admin role to another account first.", ErrorKind.Conflict);
}
