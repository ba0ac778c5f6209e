using System.Text.Json;
using System.Text.Json.Serialization;
using AuthFlow.Application.Account.Commands.ChangeEmail;
using AuthFlow.Application.Account.Commands.ChangePassword;
using AuthFlow.Application.Account.Commands.DeleteAccount;
using AuthFlow.Application.Auth.Commands.LoginWithPasskey;
using AuthFlow.Application.Mfa.Commands.ConfirmTotp;
using AuthFlow.Application.Mfa.Commands.DeletePasskey;
using AuthFlow.Application.Mfa.Commands.EnrolTotp;
using AuthFlow.Application.Mfa.Commands.RegenerateRecoveryCodes;
using AuthFlow.Application.Mfa.Commands.RegisterPasskey;
using AuthFlow.Application.Mfa.Commands.RemoveTotp;
using AuthFlow.Application.Mfa.Commands.StartPasskeyRegistration;
using AuthFlow.Application.Mfa.Queries.GetMfaStatus;

using AuthFlow.WebApi.OpenApi;

namespace AuthFlow.WebApi.Contracts;

// The account-settings and second-factor contract (issue 12). Request fields are nullable so that a missing field
// reaches the validator and is reported by name.
[ValidatedAs(typeof(ChangePasswordCommand))]
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword) : IHasExample<ChangePasswordRequest>
{
    public static ChangePasswordRequest Example => new(Examples.Password, "a longer horse battery staple");
}

[ValidatedAs(typeof(ChangeEmailCommand))]
public sealed record ChangeEmailRequest(string? Password, string? NewEmail) : IHasExample<ChangeEmailRequest>
{
    public static ChangeEmailRequest Example => new(Examples.Password, "alice.new@example.com");
}

[ValidatedAs(typeof(DeleteAccountCommand))]
public sealed record DeleteAccountRequest(string? Password) : IHasExample<DeleteAccountRequest>
{
    public static DeleteAccountRequest Example => new(Examples.Password);
}

[ValidatedAs(typeof(ConfirmTotpCommand))]
public sealed record ConfirmTotpRequest(string? Code) : IHasExample<ConfirmTotpRequest>
{
    public static ConfirmTotpRequest Example => new(Examples.TotpCode);
}

/// <summary>The password, and a current <c>code</c> from the app or a <c>recoveryCode</c>.</summary>
[ValidatedAs(typeof(RemoveTotpCommand))]
public sealed record RemoveTotpRequest(string? Password, string? Code, string? RecoveryCode) : IHasExample<RemoveTotpRequest>
{
    public static RemoveTotpRequest Example => new(Examples.Password, Examples.TotpCode, null);
}

/// <summary>Either the <c>password</c> or a current <c>code</c> from the app.</summary>
[ValidatedAs(typeof(RegenerateRecoveryCodesCommand))]
public sealed record RegenerateRecoveryCodesRequest(string? Password, string? Code) : IHasExample<RegenerateRecoveryCodesRequest>
{
    public static RegenerateRecoveryCodesRequest Example => new(Examples.Password, null);
}

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
[ValidatedAs(typeof(RegisterPasskeyCommand))]
public sealed record RegisterPasskeyRequest(Guid? ChallengeId, string? Name, [property: ValidatedMember("CredentialJson")] JsonElement? Credential) : IHasExample<RegisterPasskeyRequest>
{
    public static RegisterPasskeyRequest Example => new(Examples.ChallengeId, "Laptop", Examples.Credential);
}

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

[ValidatedAs(typeof(DeletePasskeyCommand))]
public sealed record DeletePasskeyRequest(string? Password) : IHasExample<DeletePasskeyRequest>
{
    public static DeletePasskeyRequest Example => new(Examples.Password);
}

/// <summary>A passkey's answer to a challenge: <c>credential</c> is the browser's assertion as JSON.</summary>
[ValidatedAs(typeof(LoginWithPasskeyCommand))]
public sealed record PasskeyAssertionRequest(Guid? ChallengeId, [property: ValidatedMember("CredentialJson")] JsonElement? Credential) : IHasExample<PasskeyAssertionRequest>
{
    public static PasskeyAssertionRequest Example => new(Examples.ChallengeId, Examples.Credential);
}
