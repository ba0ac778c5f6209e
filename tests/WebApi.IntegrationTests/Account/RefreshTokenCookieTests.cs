using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthFlow.WebApi.IntegrationTests.Account;

/// <summary>
/// The opt-in refresh-token cookie (ADR 0012): asked for with <c>AuthFlow-Refresh-Transport: cookie</c>, kept where
/// script cannot read it, refused from another origin; without the header the JSON contract is unchanged.
/// </summary>
public sealed class RefreshTokenCookieTests : ApiTestBase
{
    private const string CookieName = "__Host-authflow-refresh";

    private HttpClient _browser = null!;

    [SetUp]
    public void CreateBrowserClient() =>
        // Cookies are sent by hand: each test says exactly which cookie a browser would hold.
        _browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    [TearDown]
    public void DisposeBrowserClient() => _browser.Dispose();

    [Test]
    public async Task Login_AskingForTheCookie_SetsAHostOnlyHttpOnlyCookie_AndLeavesTheTokenOutOfTheBody()
    {
        Assert.That((await Api.RegisterAsync("alice@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword });

        var body = await response.ReadJsonAsync();
        var cookie = SetCookie(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body.ContainsKey("refreshToken"), Is.False, "the refresh token stays out of script's reach");
            Assert.That(body["accessToken"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(body["expiresIn"]!.GetValue<int>(), Is.EqualTo(900));
            Assert.That(body["tokenType"]!.GetValue<string>(), Is.EqualTo("Bearer"));
            Assert.That(cookie, Does.StartWith($"{CookieName}="));
            Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("secure").And.Contain("samesite=strict")
                .And.Contain("path=/").And.Contain("max-age=604800").And.Not.Contain("domain="));
        }

        // The cookie's token is a working refresh token.
        Assert.That((await Api.RefreshAsync(CookieValue(cookie))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_WithoutTheHeader_KeepsTheJsonContract_AndSetsNoCookie()
    {
        Assert.That((await Api.RegisterAsync("alice@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await Api.LoginAsync("alice@example.com");

        var body = await response.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["refreshToken"]!.GetValue<string>(), Has.Length.EqualTo(43));
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        }
    }

    [Test]
    public async Task Refresh_FromTheCookie_RotatesIt_AndARefusedCookieIsCleared()
    {
        var first = await LoginWithCookieAsync();

        using var refreshed = await SendAsync(HttpMethod.Post, "/api/auth/refresh", new { }, cookie: first);
        var body = await refreshed.ReadJsonAsync();
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var second = CookieValue(SetCookie(refreshed));
        var profile = await Api.ProfileStatusAsync(body["accessToken"]!.GetValue<string>());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.ContainsKey("refreshToken"), Is.False);
            Assert.That(profile, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second, Is.Not.EqualTo(first));
        }

        using var refused = await SendAsync(HttpMethod.Post, "/api/auth/refresh", new { }, cookie: "not-a-refresh-token-at-all");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(SetCookie(refused).ToLowerInvariant(), Does.StartWith($"{CookieName.ToLowerInvariant()}=;").And.Contain("expires=thu, 01 jan 1970"));
    }

    [Test]
    public async Task Refresh_AskingForTheCookieWithoutOne_IsAValidationFailure()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = "ignored: the cookie is asked for" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("refreshToken"), Is.True);
    }

    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    [TestCase("Origin", "https://evil.example")]
    public async Task Login_AskingForTheCookieFromAnotherOrigin_IsRefused_AndStartsNoSession(string header, string value)
    {
        Assert.That((await Api.RegisterAsync("alice@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword },
            extra: (header, value));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM sessions"), Is.Zero);
        }
    }

    [Test]
    public async Task Login_AskingForTheCookieFromTheSameOrigin_IsAccepted()
    {
        Assert.That((await Api.RegisterAsync("alice@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword },
            extra: ("Origin", "http://localhost"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task LoginMfa_AskingForTheCookie_SetsIt_AndLeavesTheTokenOutOfTheBody()
    {
        var session = await Api.SignUpAndLoginAsync("alice@example.com");
        var (app, _) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var mfaToken = await Api.LoginForMfaTokenAsync("alice@example.com");

        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login/mfa", new { mfaToken, code = app.NextCode() });

        var body = await response.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body.ContainsKey("refreshToken"), Is.False, "the refresh token stays out of script's reach");
            Assert.That(body["accessToken"]!.GetValue<string>(), Is.Not.Empty);
        }

        Assert.That((await Api.RefreshAsync(CookieValue(SetCookie(response)))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/auth/login/mfa")]
    [TestCase("/api/auth/passkey")]
    public async Task SecondStepAndPasskeySignIn_AskingForTheCookieFromAnotherSite_AreRefused(string path)
    {
        using var response = await SendAsync(HttpMethod.Post, path, new { }, extra: ("Sec-Fetch-Site", "cross-site"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    public async Task Logout_WithTheCookie_EndsTheSessionAndClearsTheCookie_ButSignOutElsewhereKeepsIt()
    {
        var refreshToken = await LoginWithCookieAsync();
        var access = await AccessTokenFromCookieAsync(refreshToken);
        refreshToken = access.RefreshToken;

        using var others = await SendAsync(HttpMethod.Post, "/api/auth/logout", new { scope = "others" }, cookie: refreshToken, bearer: access.AccessToken);
        Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(others.Headers.Contains("Set-Cookie"), Is.False, "this session goes on");

        using var current = await SendAsync(HttpMethod.Post, "/api/auth/logout", new { scope = "current" }, cookie: refreshToken, bearer: access.AccessToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(SetCookie(current), Does.StartWith($"{CookieName}=;"));
            Assert.That((await Api.RefreshAsync(refreshToken)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    private async Task<string> LoginWithCookieAsync()
    {
        Assert.That((await Api.RegisterAsync("alice@example.com")).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/login", new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return CookieValue(SetCookie(response));
    }

    private async Task<(string AccessToken, string RefreshToken)> AccessTokenFromCookieAsync(string refreshToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/refresh", new { }, cookie: refreshToken);
        var body = await response.ReadJsonAsync();
        return (body["accessToken"]!.GetValue<string>(), CookieValue(SetCookie(response)));
    }

    /// <summary>A request as the account pages send it: the transport header, and the cookie a browser would hold.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? cookie = null, string? bearer = null, (string Name, string Value)? extra = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("AuthFlow-Refresh-Transport", "cookie");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (extra is { } header)
        {
            request.Headers.Add(header.Name, header.Value);
        }

        return _browser.SendAsync(request);
    }

    private static string SetCookie(HttpResponseMessage response)
    {
        Assert.That(response.Headers.TryGetValues("Set-Cookie", out var values), Is.True, "a Set-Cookie header");
        return values!.Single(v => v.StartsWith(CookieName, StringComparison.Ordinal));
    }

    private static string CookieValue(string setCookie) => setCookie[(CookieName.Length + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
}
