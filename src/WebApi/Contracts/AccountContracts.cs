using System.Text.Json;
using System.Text.Json.Serialization;
using AuthFlow.Application.Mfa.Commands.EnrolTotp;
using AuthFlow.Application.Mfa.Commands.RegisterPasskey;
using AuthFlow.Application.Mfa.Commands.StartPasskeyRegistration;
using AuthFlow.Application.Mfa.Queries.GetMfaStatus;

namespace AuthFlow.WebApi.Contracts;

// The account-settings and second-factor contract (issue 12). Request fields are nullable so that a missing field
// reaches the validator and is reported by name.
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record ChangeEmailRequest(string? Password, string? NewEmail);

public sealed record DeleteAccountRequest(string? Password);

public sealed record ConfirmTotpRequest(string? Code);

/// <summary>The password, and a current <c>code</c> from the app or a <c>recoveryCode</c>.</summary>
public sealed record RemoveTotpRequest(string? Password, string? Code, string? RecoveryCode);

/// <summary>Either the <c>password</c> or a current <c>code</c> from the app.</summary>
public sealed record RegenerateRecoveryCodesRequest(string? Password, string? Code);

/// <summary><c>qrCode</c> is a <c>data:image/png;base64,...</c> URI of <c>otpAuthUri</c>.</summary>
public sealed record TotpEnrolmentResponse(string Secret, string OtpAuthUri, string QrCode)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static TotpEnrolmentResponse From(TotpEnrolment enrolment) => new(enrolment.Secret, enrolment.OtpAuthUri, enrolment.QrCode);
}

/// <summary>Shown once: only their hashes are stored.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>Passkeys also have their <c>name</c> and <c>lastUsedAt</c>.</summary>
public sealed record MfaFactorResponse(
    string Type,
    DateTimeOffset CreatedAt,
    bool Confirmed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastUsedAt);

public sealed record MfaStatusResponse(bool Enabled, IReadOnlyList<MfaFactorResponse> Factors, int RecoveryCodesRemaining)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static MfaStatusResponse From(MfaStatus status) =>
        new(status.Enabled, status.Factors.Select(f => new MfaFactorResponse(f.Type, f.CreatedAt, f.Confirmed, f.Name, f.LastUsedAt)).ToList(), status.RecoveryCodesRemaining);
}

/// <summary>The answer to an email change, whether or not the new address is free.</summary>
public sealed record EmailChangeAcceptedResponse
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public string Message => "A link to confirm the change is on its way to the new address; the email changes when it is opened.";
}

/// <summary>
/// A WebAuthn ceremony's start: <c>options</c> for <c>navigator.credentials.create()</c> or <c>.get()</c> (binary values
/// base64url-encoded, as in the specification's JSON), and the <c>challengeId</c> to send back with the answer.
/// </summary>
public sealed record PasskeyOptionsResponse(Guid ChallengeId, JsonElement Options)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static PasskeyOptionsResponse From(PasskeyCeremonyStart start)
    {
        using var options = JsonDocument.Parse(start.OptionsJson);
        return new PasskeyOptionsResponse(start.ChallengeId, options.RootElement.Clone());
    }
}

/// <summary><c>credential</c>: the <c>PublicKeyCredential</c> the browser created, as JSON (its <c>toJSON()</c>).</summary>
public sealed record RegisterPasskeyRequest(Guid? ChallengeId, string? Name, JsonElement? Credential);

/// <summary><c>recoveryCodes</c> only when the passkey is the account's first second factor.</summary>
public sealed record RegisteredPasskeyResponse(
    string Name,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RecoveryCodes)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static RegisteredPasskeyResponse From(RegisteredPasskey passkey) => new(passkey.Name, passkey.CreatedAt, passkey.RecoveryCodes);
}

public sealed record DeletePasskeyRequest(string? Password);

/// <summary>A passkey's answer to a challenge: <c>credential</c> is the browser's assertion as JSON.</summary>
public sealed record PasskeyAssertionRequest(Guid? ChallengeId, JsonElement? Credential);
