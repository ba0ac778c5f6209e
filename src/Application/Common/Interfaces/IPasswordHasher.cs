namespace AuthFlow.Application.Common.Interfaces;

/// <summary>The outcome of checking a password against a stored hash.</summary>
public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>The password is right, but its hash is of an older scheme or a lower cost than configured: store a new one.</summary>
    SucceededRehashNeeded,
}

public interface IPasswordHasher
{
    string Hash(string password);

    PasswordVerification Verify(string password, string passwordHash);

    /// <summary>
    /// Spends the time of one <see cref="Verify"/> against no account, so that an unknown email takes as long
    /// to reject as a wrong password.
    /// </summary>
    void VerifyAgainstDummy(string password);
}
