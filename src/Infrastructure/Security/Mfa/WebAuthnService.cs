using System.Text.Json;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Persistence;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Mfa;

/// <summary>
/// WebAuthn with the Fido2 library: it checks the challenge, origin, relying-party id hash, flags, signature, the
/// signature counter and the user handle. Attestation is not asked for (<c>none</c>): AuthFlow trusts the user's
/// choice of authenticator, not a vendor list.
/// </summary>
internal sealed partial class WebAuthnService(
    IFido2 fido2, IOptions<PasskeyOptions> options, AuthFlowDbContext db, ILogger<WebAuthnService> logger) : IWebAuthn
{
    public bool IsAvailable => options.Value.Enabled;

    public string CreateRegistrationOptions(User user, IEnumerable<byte[]> existingCredentialIds) =>
        fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(user.Id), Name = user.Email, DisplayName = user.Username },
            ExcludeCredentials = existingCredentialIds.Select(id => new PublicKeyCredentialDescriptor(id)).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = AttestationConveyancePreference.None,
            PubKeyCredParams = PubKeyCredParam.Defaults,
        }).ToJson();

    public async Task<VerifiedCredential?> VerifyRegistrationAsync(string optionsJson, string attestationJson, CancellationToken cancellationToken)
    {
        try
        {
            if (JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(attestationJson) is not { } response)
            {
                return null;
            }

            var credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, ct) => !await db.Passkeys.AnyAsync(p => p.CredentialId == args.CredentialId, ct),
            }, cancellationToken);
            return new VerifiedCredential(credential.Id, credential.PublicKey, credential.SignCount, credential.User.Id);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            LogRefused(logger, "registration", ex.GetType().Name);
            return null;
        }
    }

    public string CreateAssertionOptions() =>
        fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Preferred,
        }).ToJson();

    public byte[]? ReadCredentialId(string assertionJson)
    {
        try
        {
            return JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(assertionJson)?.RawId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<uint?> VerifyAssertionAsync(string optionsJson, string assertionJson, Passkey passkey, CancellationToken cancellationToken)
    {
        try
        {
            if (JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(assertionJson) is not { } response)
            {
                return null;
            }

            var result = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(
                    args.UserHandle.AsSpan().SequenceEqual(passkey.UserHandle) && args.CredentialId.AsSpan().SequenceEqual(passkey.CredentialId)),
            }, cancellationToken);
            return result.SignCount;
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            LogRefused(logger, "assertion", ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The user handle given to authenticators: the user id's 16 bytes (no email or name in it).</summary>
    private static byte[] UserHandle(Guid userId) => userId.ToByteArray();

    /// <summary>What a malformed or forged answer makes the library or the JSON reader throw; anything else is a bug and propagates.</summary>
    private static bool IsRefusal(Exception ex) =>
        ex is Fido2VerificationException or JsonException or FormatException or ArgumentException or System.Formats.Cbor.CborContentException
            or InvalidOperationException or InvalidCastException or KeyNotFoundException or System.Security.Cryptography.CryptographicException;

    [LoggerMessage(Level = LogLevel.Information, Message = "A passkey {Ceremony} was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string ceremony, string reason);
}
