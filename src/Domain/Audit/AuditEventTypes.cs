namespace AuthFlow.Domain.Audit;

/// <summary>The audited event types. They are part of the public contract of <c>GET /api/admin/audit</c>.</summary>
public static class AuditEventTypes
{
    public const string UserRegistered = "user.registered";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginThrottled = "login.throttled";

    /// <summary>The password was right but the account may not sign in (disabled, or its email unverified).</summary>
    public const string LoginRefused = "login.refused";

    public const string RefreshReuseDetected = "refresh.reuse_detected";

    /// <summary>Sessions ended: by logout (with its scope), by an administrator, by a password reset or a role change.</summary>
    public const string SessionEnded = "session.ended";

    public const string PasswordResetRequested = "password.reset_requested";
    public const string PasswordReset = "password.reset";
    public const string EmailVerificationSent = "email.verification_sent";
    public const string EmailVerified = "email.verified";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserDeleted = "user.deleted";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string SigningKeyRotated = "signing_key.rotated";
    public const string EmailChanged = "email.changed";
    public const string PasswordChanged = "password.changed";
    public const string FactorsRemoved = "mfa.factors_removed";

    /// <summary>What <c>GET /api/account/activity</c> shows a user of their own account.</summary>
    public static readonly IReadOnlyList<string> AccountActivity =
    [
        LoginSucceeded, LoginFailed, LoginThrottled, LoginRefused, RefreshReuseDetected, SessionEnded, PasswordResetRequested,
        PasswordReset, EmailVerified, UserDisabled, UserEnabled, RoleGranted, RoleRevoked,
    ];
}
