namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// The counters of AuthFlow's own use cases (meter <c>AuthFlow</c>). A use case reports what it decided; the
/// Infrastructure implementation turns it into OpenTelemetry metric points, so handlers never see a meter.
/// </summary>
public interface IAuthMetrics
{
    /// <summary><c>authflow.auth.logins</c>, one per sign-in attempt that reached a decision.</summary>
    void LoginAttempted(LoginOutcome outcome);

    /// <summary><c>authflow.auth.refreshes</c>, one per refresh-token presentation that reached a decision.</summary>
    void RefreshAttempted(RefreshOutcome outcome);
}

/// <summary>How a sign-in ended; the value of <c>authflow.login.outcome</c> is the snake_case name.</summary>
public enum LoginOutcome
{
    /// <summary>Signed in: a session started.</summary>
    Succeeded,

    /// <summary>Wrong password or unknown email (never told apart).</summary>
    Invalid,

    /// <summary>Refused by the per-email throttle after repeated failures.</summary>
    Throttled,

    /// <summary>Refused at once because the password-hashing gate was full.</summary>
    Busy,

    /// <summary>The password matched and a second factor is now required (multi-factor sign-in).</summary>
    Mfa,

    /// <summary>The password matched but the account is disabled.</summary>
    Disabled,

    /// <summary>The password matched but the email address is not verified yet (when verification is required).</summary>
    Unverified,
}

/// <summary>How a refresh ended; the value of <c>authflow.refresh.outcome</c> is the snake_case name.</summary>
public enum RefreshOutcome
{
    /// <summary>The token was rotated: a new pair was issued.</summary>
    Rotated,

    /// <summary>A rotated token was presented again while its successor was never used (a retry or a concurrent tab) and got that successor.</summary>
    Grace,

    /// <summary>A rotated token was presented after the grace window: its session was ended as stolen.</summary>
    ReuseDetected,

    /// <summary>Unknown, expired, ended or idle: refused without further action.</summary>
    Expired,
}
