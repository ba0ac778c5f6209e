using AuthFlow.Domain.Mfa;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A user's second factors and recovery codes. Changes are tracked and stored by the next save of the unit of work.</summary>
public interface ISecondFactorRepository
{
    /// <summary>The user's authenticator app, confirmed or still pending; null when none.</summary>
    Task<TotpAuthenticator?> FindTotpAsync(Guid userId, CancellationToken cancellationToken);

    void AddTotp(TotpAuthenticator totp);

    void RemoveTotp(TotpAuthenticator totp);

    /// <summary>The user's unused recovery code with this hash, or null.</summary>
    Task<RecoveryCode?> FindUnusedRecoveryCodeAsync(Guid userId, string codeHash, CancellationToken cancellationToken);

    Task<int> CountUnusedRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Removes every recovery code of the user and adds <paramref name="codes"/> (none to only remove).</summary>
    Task ReplaceRecoveryCodesAsync(Guid userId, IEnumerable<RecoveryCode> codes, CancellationToken cancellationToken);

    /// <summary>The user's passkeys, oldest first.</summary>
    Task<IReadOnlyList<Passkey>> ListPasskeysAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The passkey with this credential id, whoever's it is; null when none.</summary>
    Task<Passkey?> FindPasskeyAsync(byte[] credentialId, CancellationToken cancellationToken);

    void AddPasskey(Passkey passkey);

    void RemovePasskey(Passkey passkey);

    void AddChallenge(PasskeyChallenge challenge);

    Task<PasskeyChallenge?> FindChallengeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// How the user can complete a login, in the words of the login reply (<see cref="SecondFactorMethods"/>);
    /// empty when the account has no confirmed second factor.
    /// </summary>
    Task<IReadOnlyList<string>> MethodsOfAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>The <c>methods</c> a login that needs a second factor offers.</summary>
public static class SecondFactorMethods
{
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";
    public const string Passkey = "passkey";
}
