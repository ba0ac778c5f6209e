namespace AuthFlow.Application.Common.Interfaces;

public interface IPasswordHasher
{
    string Hash(string password);

    bool Verify(string password, string passwordHash);

    /// <summary>
    /// Spends the time of one <see cref="Verify"/> against no account, so that an unknown email takes as long
    /// to reject as a wrong password.
    /// </summary>
    void VerifyAgainstDummy(string password);
}
