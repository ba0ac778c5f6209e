using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A credential the authenticator created, verified: what to store.</summary>
public sealed record VerifiedCredential(byte[] CredentialId, byte[] PublicKey, uint SignCount, byte[] UserHandle);

/// <summary>
/// WebAuthn ceremonies (the Fido2 library), with the relying-party id and origins from configuration. Options and the
/// browser's answers travel as JSON text, in the shapes of the WebAuthn specification.
/// </summary>
public interface IWebAuthn
{
    /// <summary>False when no relying party is configured (<c>Passkeys:RelyingPartyId</c>).</summary>
    bool IsAvailable { get; }

    /// <summary>Options for <c>navigator.credentials.create()</c>, excluding the user's existing credentials.</summary>
    string CreateRegistrationOptions(User user, IEnumerable<byte[]> existingCredentialIds);

    /// <summary>The new credential when <paramref name="attestationJson"/> answers <paramref name="optionsJson"/>; null otherwise.</summary>
    Task<VerifiedCredential?> VerifyRegistrationAsync(string optionsJson, string attestationJson, CancellationToken cancellationToken);

    /// <summary>Options for <c>navigator.credentials.get()</c>; no allowed credentials, so a discoverable passkey names its user.</summary>
    string CreateAssertionOptions();

    /// <summary>The credential id an assertion claims to be made with; null when it is not a readable assertion.</summary>
    byte[]? ReadCredentialId(string assertionJson);

    /// <summary>
    /// The authenticator's new signature counter when <paramref name="assertionJson"/> answers <paramref name="optionsJson"/>
    /// with <paramref name="passkey"/>'s key, a counter that moved on (when it keeps one) and its user handle; null otherwise.
    /// </summary>
    Task<uint?> VerifyAssertionAsync(string optionsJson, string assertionJson, Passkey passkey, CancellationToken cancellationToken);
}
