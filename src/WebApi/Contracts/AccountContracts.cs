using System.Text.Json.Serialization;
using AuthFlow.Application.Mfa.Commands.EnrolTotp;
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

public sealed record MfaFactorResponse(string Type, DateTimeOffset CreatedAt, bool Confirmed);

public sealed record MfaStatusResponse(bool Enabled, IReadOnlyList<MfaFactorResponse> Factors, int RecoveryCodesRemaining)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static MfaStatusResponse From(MfaStatus status) =>
        new(status.Enabled, status.Factors.Select(f => new MfaFactorResponse(f.Type, f.CreatedAt, f.Confirmed)).ToList(), status.RecoveryCodesRemaining);
}

/// <summary>The answer to an email change, whether or not the new address is free.</summary>
public sealed record EmailChangeAcceptedResponse
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public string Message => "A link to confirm the change is on its way to the new address; the email changes when it is opened.";
}
