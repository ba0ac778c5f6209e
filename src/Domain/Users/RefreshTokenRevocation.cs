namespace AuthFlow.Domain.Users;

/// <summary>Why a refresh token stopped working.</summary>
public enum RefreshTokenRevocation
{
    /// <summary>Exchanged for its successor by a refresh.</summary>
    Rotated = 1,

    /// <summary>The session was ended by a logout (rows from before sessions had their own table).</summary>
    Logout = 2,

    /// <summary>A rotated token of the session was presented again (rows from before sessions had their own table).</summary>
    ReuseDetected = 3,

    /// <summary>Its session ended; why is recorded on the session (<see cref="SessionRevocation"/>).</summary>
    SessionEnded = 4,
}
