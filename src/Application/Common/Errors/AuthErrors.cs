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

    /// <summary><see cref="Busy"/>, with the wait the hashing gate predicts (at least a second).</summary>
    public static Error BusyFor(TimeSpan retryAfter) =>
        retryAfter <= Busy.RetryAfter ? Busy : Busy with { RetryAfter = retryAfter };

    /// <summary>
    /// The database did not answer (refused, timed out, shutting down): nothing was done that the client can see, and
    /// the same request may be sent again after <c>Retry-After</c>.
    /// </summary>
    public static readonly Error DatabaseUnavailable =
        new("database_unavailable", "The service cannot reach its database. Try again shortly.", ErrorKind.Unavailable) { RetryAfter = TimeSpan.FromSeconds(2) };

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
    /// The account has a second factor and the access token's login did not use one (its <c>amr</c>): sensitive
    /// changes need a login with the second factor.
    /// </summary>
    public static readonly Error MfaRequired =
        new("mfa_required", "This change needs a login with your second factor.", ErrorKind.Forbidden);

    /// <summary>A signed-in user confirmed a change with a wrong password.</summary>
    public static readonly Error InvalidPassword =
        new("invalid_password", "The password is incorrect.", ErrorKind.Validation);

    /// <summary>Unknown, expired and used mfaTokens all answer alike: the login starts again.</summary>
    public static readonly Error InvalidMfaToken =
        new("invalid_mfa_token", "The login attempt is invalid or has expired. Log in again.", ErrorKind.Unauthorized);

    /// <summary>A wrong, out-of-window or already used TOTP code or recovery code.</summary>
    public static readonly Error InvalidMfaCode =
        new("invalid_mfa_code", "The code is incorrect or was already used.", ErrorKind.Validation);

    /// <summary>Too many consecutive wrong codes for this account.</summary>
    public static Error MfaThrottled(TimeSpan retryAfter) =>
        new("mfa_throttled", "Too many wrong codes. Try again later.", ErrorKind.TooManyRequests) { RetryAfter = retryAfter };

    public static readonly Error TotpAlreadyEnabled =
        new("totp_already_enabled", "An authenticator app is already set up. Remove it before setting up another.", ErrorKind.Conflict);

    /// <summary>The service has no key-encryption key (<c>Jwt:KeyEncryptionKey</c>, optional with HS256) to keep TOTP secrets under.</summary>
    public static readonly Error TotpUnavailable =
        new("totp_unavailable", "Authenticator apps are not enabled on this service.", ErrorKind.Conflict);

    public static readonly Error TotpNotPending =
        new("totp_not_pending", "There is no authenticator set-up to confirm. Start one first.", ErrorKind.Conflict);

    public static readonly Error TotpNotEnabled =
        new("totp_not_enabled", "No authenticator app is set up.", ErrorKind.NotFound);

    /// <summary>Recovery codes only stand in for a second factor, so an account without one has none.</summary>
    public static readonly Error MfaNotEnabled =
        new("mfa_not_enabled", "Set up a second factor first.", ErrorKind.Conflict);

    /// <summary>An unknown, expired or used challenge, an unknown credential, or a signature, origin, counter or user handle that does not check out.</summary>
    public static readonly Error InvalidPasskey =
        new("invalid_passkey", "The passkey could not be verified.", ErrorKind.Unauthorized);

    public static readonly Error PasskeysUnavailable =
        new("passkeys_unavailable", "Passkeys are not enabled on this service.", ErrorKind.Conflict);

    public static readonly Error PasskeyRegistrationFailed =
        new("passkey_registration_failed", "The passkey could not be registered. Start again.", ErrorKind.Validation);

    public static readonly Error PasskeyNameTaken =
        new("passkey_name_taken", "Another of your passkeys has this name.", ErrorKind.Conflict);

    public static readonly Error PasskeyNotFound =
        new("passkey_not_found", "You have no passkey of this name.", ErrorKind.NotFound);

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
