namespace AuthFlow.Domain.Users;

/// <summary>Why a refresh token stopped working.</summary>
public enum RefreshTokenRevocation
{
    /// <summary>Exchanged for its successor by a refresh.</summary>
    Rotated = 1,

    /// <summary>The session was ended by a logout.</summary>
    Logout = 2,

    /// <summary>A rotated token of the session was presented again: the session is treated as stolen.</summary>
    ReuseDetected = 3,

    /// <summary>The password was reset: every session of the user ends.</summary>
    PasswordReset = 4,
}
