using System.Text.Json;
using System.Text.Json.Serialization;
using AuthFlow.Application.Auth.Commands.ForgotPassword;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Commands.LoginWithMfa;
using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Auth.Commands.Register;
using AuthFlow.Application.Auth.Commands.ResendVerification;
using AuthFlow.Application.Auth.Commands.ResetPassword;
using AuthFlow.Application.Auth.Commands.VerifyEmail;
using AuthFlow.Application.Common.Models;
using AuthFlow.WebApi.OpenApi;

namespace AuthFlow.WebApi.Contracts;

// The HTTP contract. These records are the API's public shape; they are kept apart from the
// application's commands so that either can change without silently changing the other.
// Request fields are nullable so that a missing field reaches the validator and is reported by name; the OpenAPI
// schema of each body comes from the validator of the use case it names in [ValidatedAs].
// The examples work as they are against a fresh server, in this order.
internal static class Examples
{
    public const string Email = "alice@example.com";
    public const string Password = "correct horse battery";

    /// <summary>The shape of an opaque token (43 base64url characters); the server answers it like any unknown token.</summary>
    public const string OpaqueToken = "_DalibDzSd9W77mmtVbFkRr-yjkSWtzbPlWTyBN48ps";

    /// <summary>Six digits, the shape of an authenticator app's code.</summary>
    public const string TotpCode = "123456";

    public static readonly Guid ChallengeId = Guid.Parse("0195f0c0-0000-7000-8000-000000000001");

    /// <summary>The shape of a WebAuthn <c>PublicKeyCredential</c>'s JSON (its <c>toJSON()</c>); the server refuses this one as not signed.</summary>
    public static JsonElement Credential => JsonDocument.Parse(
        """{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA"}}""").RootElement.Clone();
}

[ValidatedAs(typeof(RegisterCommand))]
public sealed record RegisterRequest(string? Username, string? Email, string? Password) : IAccountRequest, IHasExample<RegisterRequest>
{
    public static RegisterRequest Example => new("alice", Examples.Email, Examples.Password);
}

[ValidatedAs(typeof(LoginCommand))]
public sealed record LoginRequest(string? Email, string? Password) : IAccountRequest, IHasExample<LoginRequest>
{
    public static LoginRequest Example => new(Examples.Email, Examples.Password);
}

/// <summary>A request about one account, named by its email: what per-(email, IP) rate limits key on.</summary>
public interface IAccountRequest
{
    string? Email { get; }
}

[ValidatedAs(typeof(RefreshTokenCommand))]
public sealed record RefreshRequest(string? RefreshToken) : IHasExample<RefreshRequest>
{
    public static RefreshRequest Example => new(Examples.OpaqueToken);
}

/// <summary>The second step of a login: the <c>mfaToken</c> and one of a TOTP <c>code</c>, a <c>recoveryCode</c> or a <c>passkey</c> assertion.</summary>
[ValidatedAs(typeof(LoginWithMfaCommand))]
public sealed record LoginMfaRequest(string? MfaToken, string? Code, string? RecoveryCode, PasskeyAssertionRequest? Passkey) : IHasExample<LoginMfaRequest>
{
    public static LoginMfaRequest Example => new(Examples.OpaqueToken, Examples.TotpCode, null, null);
}

/// <summary>The password was right and the account has a second factor: no tokens yet.</summary>
public sealed record MfaRequiredResponse(string MfaToken, IReadOnlyList<string> Methods)
{
    [JsonPropertyOrder(-2)]
    public bool Success => true;

    [JsonPropertyOrder(-1)]
    public bool MfaRequired => true;
}

/// <summary><c>scope</c>: <c>current</c> (the default), <c>all</c> or <c>others</c>.</summary>
[ValidatedAs(typeof(LogoutCommand))]
public sealed record LogoutRequest(string? RefreshToken, string? Scope) : IHasExample<LogoutRequest>
{
    public static LogoutRequest Example => new(null, LogoutScope.Current);
}

[ValidatedAs(typeof(ForgotPasswordCommand))]
public sealed record ForgotPasswordRequest(string? Email) : IAccountRequest, IHasExample<ForgotPasswordRequest>
{
    public static ForgotPasswordRequest Example => new(Examples.Email);
}

[ValidatedAs(typeof(ResetPasswordCommand))]
public sealed record ResetPasswordRequest(string? Token, string? Password) : IHasExample<ResetPasswordRequest>
{
    public static ResetPasswordRequest Example => new(Examples.OpaqueToken, "a brand new passphrase");
}

[ValidatedAs(typeof(VerifyEmailCommand))]
public sealed record VerifyEmailRequest(string? Token) : IHasExample<VerifyEmailRequest>
{
    public static VerifyEmailRequest Example => new(Examples.OpaqueToken);
}

[ValidatedAs(typeof(ResendVerificationCommand))]
public sealed record ResendVerificationRequest(string? Email) : IAccountRequest, IHasExample<ResendVerificationRequest>
{
    public static ResendVerificationRequest Example => new(Examples.Email);
}

public sealed record UserResponse(Guid Id, string Username, string Email, DateTimeOffset CreatedAt, bool EmailVerified)
{
    public static UserResponse From(UserDto user) => new(user.Id, user.Username, user.Email, user.CreatedAt, user.EmailVerified);
}

public sealed record RegisterResponse(UserResponse User)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>
/// <c>refreshToken</c> is absent when the client asked for the refresh token in the HttpOnly cookie
/// (<c>AuthFlow-Refresh-Transport: cookie</c>, ADR 0012).
/// </summary>
public sealed record LoginResponse(
    UserResponse User,
    string AccessToken,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    int ExpiresIn)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public string TokenType => "Bearer";

    /// <summary>The answer when the refresh token was set in the cookie: the body leaves it out.</summary>
    public static LoginResponse InCookie(UserDto user, TokenPair tokens) => new(UserResponse.From(user), tokens.AccessToken, null, tokens.ExpiresIn);
}

/// <summary><c>refreshToken</c> is absent when the refresh token travels in the HttpOnly cookie (ADR 0012).</summary>
public sealed record RefreshResponse(
    string AccessToken,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    int ExpiresIn)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public string TokenType => "Bearer";

    /// <summary>The answer when the new refresh token was set in the cookie: the body leaves it out.</summary>
    public static RefreshResponse InCookie(TokenPair tokens) => new(tokens.AccessToken, null, tokens.ExpiresIn);
}

public sealed record ProfileResponse(UserResponse User)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record DashboardResponse(UserResponse User, DateTimeOffset? LastLoginAt, int ActiveSessions, Guid CurrentSessionId)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record SessionResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? IpAddress, string? UserAgent, bool Current)
{
    public static SessionResponse From(SessionDto session) =>
        new(session.Id, session.CreatedAt, session.LastUsedAt, session.IpAddress, session.UserAgent, session.Current);
}

public sealed record SessionsResponse(IReadOnlyList<SessionResponse> Sessions)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>The one answer to forgot-password and resend-verification, whether or not the account exists.</summary>
public sealed record AcceptedResponse(string Message)
{
    public static readonly AcceptedResponse ForgotPassword =
        new("If an account exists for this email, a link to reset its password is on its way.");

    public static readonly AcceptedResponse ResendVerification =
        new("If an unverified account exists for this email, a new verification link is on its way.");

    public static readonly AcceptedResponse AdminPasswordReset =
        new("A link to reset the password is on its way to the account's email address.");

    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
