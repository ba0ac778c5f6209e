namespace AuthFlow.Domain.Users;

/// <summary>Why a session ended before it expired.</summary>
public enum SessionRevocation
{
    /// <summary>The user logged out, or ended the session from the session list.</summary>
    Logout = 1,

    /// <summary>A rotated refresh token of the session was presented after the grace window: treated as stolen.</summary>
    ReuseDetected = 2,

    /// <summary>The password was reset: every session of the user ends.</summary>
    PasswordReset = 3,

    /// <summary>The user changed their password: every other session ends.</summary>
    PasswordChanged = 4,

    /// <summary>The user removed their last second factor: every other session ends.</summary>
    FactorRemoved = 5,

    /// <summary>The user deleted their account.</summary>
    AccountDeleted = 6,

    /// <summary>An administrator granted or revoked one of the user's roles: the next login carries the new roles.</summary>
    RolesChanged = 7,

    /// <summary>An administrator disabled (or erased) the account.</summary>
    AccountDisabled = 8,

    /// <summary>An administrator ended every session of the user.</summary>
    EndedByAdmin = 9,
}
