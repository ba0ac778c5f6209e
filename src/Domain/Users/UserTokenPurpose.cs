namespace AuthFlow.Domain.Users;

/// <summary>What a one-time <see cref="UserToken"/> is good for; a token of one purpose never serves another.</summary>
public enum UserTokenPurpose
{
    PasswordReset = 1,

    EmailVerification = 2,

    /// <summary>The <c>mfaToken</c> of a login whose password was right and whose second factor is still to come.</summary>
    MfaLogin = 3,

    /// <summary>Confirms a change of the account's email: mailed to the new address, which it carries.</summary>
    EmailChange = 4,
}
