using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>A thin HTTP client for the AuthFlow contract; every call returns the raw response for assertions.</summary>
public sealed class AuthFlowClient(HttpClient http) : IDisposable
{
    public const string DefaultPassword = "correct horse battery staple";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> RegisterAsync(string email, string password = DefaultPassword, string username = "alice") =>
        Http.PostAsJsonAsync("/api/auth/register", new { username, email, password });

    public Task<HttpResponseMessage> LoginAsync(string email, string password = DefaultPassword) =>
        Http.PostAsJsonAsync("/api/auth/login", new { email, password });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public Task<HttpResponseMessage> ForgotPasswordAsync(string email) =>
        Http.PostAsJsonAsync("/api/auth/forgot-password", new { email });

    public Task<HttpResponseMessage> ResetPasswordAsync(string token, string password) =>
        Http.PostAsJsonAsync("/api/auth/reset-password", new { token, password });

    public Task<HttpResponseMessage> VerifyEmailAsync(string token) =>
        Http.PostAsJsonAsync("/api/auth/verify-email", new { token });

    public Task<HttpResponseMessage> ResendVerificationAsync(string email) =>
        Http.PostAsJsonAsync("/api/auth/resend-verification", new { email });

    public Task<HttpResponseMessage> LogoutAsync(string accessToken, string? refreshToken = null, string? scope = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (refreshToken is not null || scope is not null)
        {
            request.Content = JsonContent.Create(new { refreshToken, scope });
        }

        return Http.SendAsync(request);
    }

    /// <summary>What <c>GET /api/profile</c> answers to <paramref name="accessToken"/>: is the token accepted?</summary>
    public async Task<HttpStatusCode> ProfileStatusAsync(string accessToken)
    {
        using var response = await GetAsync("/api/profile", accessToken);
        return response.StatusCode;
    }

    public Task<HttpResponseMessage> ListSessionsAsync(string accessToken) => GetAsync("/api/auth/sessions", accessToken);

    public Task<HttpResponseMessage> EndSessionAsync(string accessToken, Guid sessionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/auth/sessions/{sessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, string? body, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Registers and logs in a user, returning the login body.</summary>
    public async Task<Session> SignUpAndLoginAsync(string email = "alice@example.com", string password = DefaultPassword)
    {
        using var registered = await RegisterAsync(email, password);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        return await LoginSessionAsync(email, password);
    }

    public async Task<Session> LoginSessionAsync(string email, string password = DefaultPassword)
    {
        using var response = await LoginAsync(email, password);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return new Session(
            body["user"]!["id"]!.GetValue<Guid>(),
            body["accessToken"]!.GetValue<string>(),
            body["refreshToken"]!.GetValue<string>());
    }

    public void Dispose() => Http.Dispose();
}

public sealed record Session(Guid UserId, string AccessToken, string RefreshToken)
{
    /// <summary>The <c>sid</c> claim of the access token.</summary>
    public Guid SessionId => Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(AccessToken).GetClaim("sid").Value);
}

public static class HttpResponseExtensions
{
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new AssertionException($"Expected a JSON object, got: {text}");
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status and stable code, and returns its body.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonNode.Parse(text)!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["status"]?.GetValue<int>(), Is.EqualTo((int)status), text);
            Assert.That(body["code"]?.GetValue<string>(), Is.EqualTo(code), text);
            Assert.That(body["success"]?.GetValue<bool>(), Is.False, text);
            Assert.That(body["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
            Assert.That(body["traceId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
            Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace or exception name leaks");
        }

        return body;
    }
}
