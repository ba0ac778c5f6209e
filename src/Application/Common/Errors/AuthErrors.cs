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

    /// <summary>Unknown, expired, used and superseded reset tokens all answer alike.</summary>
    public static readonly Error InvalidResetToken =
        new("invalid_reset_token", "The password reset link is invalid or has expired.", ErrorKind.Validation);

    /// <summary>Unknown, expired, used and superseded verification tokens all answer alike.</summary>
    public static readonly Error InvalidVerificationToken =
        new("invalid_verification_token", "The email verification link is invalid or has expired.", ErrorKind.Validation);

    /// <summary>The password was right, but <c>Auth:RequireVerifiedEmail</c> is on and the address is not verified yet.</summary>
    public static readonly Error EmailNotVerified =
        new("email_not_verified", "Verify your email address before logging in.", ErrorKind.Forbidden);
}
