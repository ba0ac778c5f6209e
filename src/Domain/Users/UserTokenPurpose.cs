namespace AuthFlow.Domain.Users;

/// <summary>What a one-time <see cref="UserToken"/> is good for; a token of one purpose never serves another.</summary>
public enum UserTokenPurpose
{
    PasswordReset = 1,

    EmailVerification = 2,
}
