using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthFlow.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using OtpNet;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>The account-settings and second-factor routes (issue 12), on top of <see cref="AuthFlowClient"/>.</summary>
public static class AccountClient
{
    public static Task<HttpResponseMessage> SendAsync(this AuthFlowClient api, HttpMethod method, string path, string? accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return api.Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ChangePasswordAsync(this AuthFlowClient api, string accessToken, string currentPassword, string newPassword) =>
        api.SendAsync(HttpMethod.Post, "/api/account/password", accessToken, new { currentPassword, newPassword });

    public static Task<HttpResponseMessage> ChangeEmailAsync(this AuthFlowClient api, string accessToken, string newEmail, string password = AuthFlowClient.DefaultPassword) =>
        api.SendAsync(HttpMethod.Post, "/api/account/email", accessToken, new { password, newEmail });

    public static Task<HttpResponseMessage> DeleteAccountAsync(this AuthFlowClient api, string accessToken, string password = AuthFlowClient.DefaultPassword) =>
        api.SendAsync(HttpMethod.Delete, "/api/account", accessToken, new { password });

    public static Task<HttpResponseMessage> EnrolTotpAsync(this AuthFlowClient api, string accessToken) =>
        api.SendAsync(HttpMethod.Post, "/api/account/mfa/totp", accessToken);

    public static Task<HttpResponseMessage> ConfirmTotpAsync(this AuthFlowClient api, string accessToken, string code) =>
        api.SendAsync(HttpMethod.Post, "/api/account/mfa/totp/confirm", accessToken, new { code });

    public static Task<HttpResponseMessage> RemoveTotpAsync(
        this AuthFlowClient api, string accessToken, string? code, string? recoveryCode = null, string password = AuthFlowClient.DefaultPassword) =>
        api.SendAsync(HttpMethod.Delete, "/api/account/mfa/totp", accessToken, new { password, code, recoveryCode });

    public static Task<HttpResponseMessage> RegenerateRecoveryCodesAsync(this AuthFlowClient api, string accessToken, string? password, string? code = null) =>
        api.SendAsync(HttpMethod.Post, "/api/account/mfa/recovery-codes", accessToken, new { password, code });

    public static Task<HttpResponseMessage> MfaStatusAsync(this AuthFlowClient api, string accessToken) =>
        api.GetAsync("/api/account/mfa", accessToken);

    public static Task<HttpResponseMessage> LoginMfaAsync(this AuthFlowClient api, string mfaToken, string? code = null, string? recoveryCode = null) =>
        api.Http.PostAsJsonAsync("/api/auth/login/mfa", new { mfaToken, code, recoveryCode });

    /// <summary>Logs in to an account with a second factor; asserts the mfaRequired reply and returns its mfaToken.</summary>
    public static async Task<string> LoginForMfaTokenAsync(this AuthFlowClient api, string email, string password = AuthFlowClient.DefaultPassword)
    {
        using var response = await api.LoginAsync(email, password);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["mfaRequired"]?.GetValue<bool>(), Is.True, body.ToJsonString());
        return body["mfaToken"]!.GetValue<string>();
    }

    /// <summary>Enrols and confirms an authenticator app for the caller; returns the app and the recovery codes.</summary>
    public static async Task<(TestAuthenticator App, IReadOnlyList<string> RecoveryCodes)> EnableTotpAsync(this AuthFlowClient api, string accessToken, TestClock clock)
    {
        using var enrol = await api.EnrolTotpAsync(accessToken);
        var enrolment = await enrol.ReadJsonAsync();
        Assert.That(enrol.StatusCode, Is.EqualTo(HttpStatusCode.OK), enrolment.ToJsonString());
        var app = new TestAuthenticator(enrolment["secret"]!.GetValue<string>(), clock);

        using var confirm = await api.ConfirmTotpAsync(accessToken, app.Code());
        var confirmed = await confirm.ReadJsonAsync();
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK), confirmed.ToJsonString());
        return (app, RecoveryCodes(confirmed));
    }

    /// <summary>Logs in with the password and the app's next code; returns the session (amr pwd, otp).</summary>
    public static async Task<Session> LoginWithTotpAsync(this AuthFlowClient api, string email, TestAuthenticator app)
    {
        var mfaToken = await api.LoginForMfaTokenAsync(email);
        using var response = await api.LoginMfaAsync(mfaToken, code: app.NextCode());
        return await response.ReadSessionAsync();
    }

    public static Task<HttpResponseMessage> PasskeyRegistrationOptionsAsync(this AuthFlowClient api, string accessToken) =>
        api.SendAsync(HttpMethod.Post, "/api/account/mfa/passkeys/options", accessToken);

    public static Task<HttpResponseMessage> RegisterPasskeyAsync(this AuthFlowClient api, string accessToken, Guid challengeId, string name, JsonObject credential) =>
        api.SendAsync(HttpMethod.Post, "/api/account/mfa/passkeys", accessToken, new { challengeId, name, credential });

    public static Task<HttpResponseMessage> DeletePasskeyAsync(this AuthFlowClient api, string accessToken, string name, string password = AuthFlowClient.DefaultPassword) =>
        api.SendAsync(HttpMethod.Delete, $"/api/account/mfa/passkeys/{Uri.EscapeDataString(name)}", accessToken, new { password });

    public static Task<HttpResponseMessage> PasskeyLoginOptionsAsync(this AuthFlowClient api) =>
        api.SendAsync(HttpMethod.Post, "/api/auth/passkey/options", accessToken: null);

    public static Task<HttpResponseMessage> PasskeyLoginAsync(this AuthFlowClient api, Guid challengeId, JsonObject credential) =>
        api.Http.PostAsJsonAsync("/api/auth/passkey", new { challengeId, credential });

    public static Task<HttpResponseMessage> LoginMfaWithPasskeyAsync(this AuthFlowClient api, string mfaToken, Guid challengeId, JsonObject credential) =>
        api.Http.PostAsJsonAsync("/api/auth/login/mfa", new { mfaToken, passkey = new { challengeId, credential } });

    /// <summary>Asks for options and returns the challenge id and the options object.</summary>
    public static async Task<(Guid ChallengeId, JsonObject Options)> ReadOptionsAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return (body["challengeId"]!.GetValue<Guid>(), body["options"]!.AsObject());
    }

    /// <summary>Registers <paramref name="authenticator"/>'s passkey for the caller; returns the registration reply.</summary>
    public static async Task<JsonObject> AddPasskeyAsync(this AuthFlowClient api, string accessToken, SoftwareAuthenticator authenticator, string name = "laptop")
    {
        using var optionsResponse = await api.PasskeyRegistrationOptionsAsync(accessToken);
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        using var response = await api.RegisterPasskeyAsync(accessToken, challengeId, name, authenticator.Create(options));
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body;
    }

    /// <summary>Signs in with the passkey alone.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasskeyAsync(this AuthFlowClient api, SoftwareAuthenticator authenticator)
    {
        using var optionsResponse = await api.PasskeyLoginOptionsAsync();
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        return await api.PasskeyLoginAsync(challengeId, authenticator.Get(options));
    }

    /// <summary>Reads a successful login reply into a <see cref="Session"/>.</summary>
    public static async Task<Session> ReadSessionAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return new Session(body["user"]!["id"]!.GetValue<Guid>(), body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
    }

    /// <summary>The <c>amr</c> claim of an access token.</summary>
    public static IReadOnlyList<string> Amr(string accessToken)
    {
        var jwt = new JsonWebToken(accessToken);
        return jwt.TryGetPayloadValue<string[]>("amr", out var amr) ? amr : [];
    }

    public static IReadOnlyList<string> RecoveryCodes(JsonObject body) =>
        body["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
}

/// <summary>The authenticator app of a test: computes codes from the enrolled secret on the host's test clock.</summary>
public sealed class TestAuthenticator(string base32Secret, TestClock clock)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(base32Secret));

    public string Secret => base32Secret;

    /// <summary>The code the app shows now (on the test clock), shifted by <paramref name="steps"/> time steps.</summary>
    public string Code(int steps = 0) => _totp.ComputeTotp((clock.GetUtcNow() + TimeSpan.FromSeconds(30 * steps)).UtcDateTime);

    /// <summary>Moves the clock to the next time step and returns that step's code: a code not used before.</summary>
    public string NextCode()
    {
        clock.Advance(TimeSpan.FromSeconds(30));
        return Code();
    }
}
