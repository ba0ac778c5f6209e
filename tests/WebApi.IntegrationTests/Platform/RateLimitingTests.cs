using System.Net;
using System.Net.Http.Json;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>
/// ASP.NET Core's rate limiter on the auth endpoints, each test on a host of its own with low limits. The in-memory
/// server has no peer address, so a start-up filter gives every request one (a loopback address).
/// </summary>
public sealed class RateLimitingTests : ApiTestBase
{
    private const string Peer = "127.0.0.1";

    [TestCase("/api/auth/login", "LoginPerIp")]
    [TestCase("/api/auth/register", "RegisterPerIp")]
    [TestCase("/api/auth/refresh", "RefreshPerIp")]
    [TestCase("/api/auth/forgot-password", "EmailLinkPerIp")]
    [TestCase("/api/auth/resend-verification", "EmailLinkPerIp")]
    [TestCase("/api/auth/reset-password", "TokenRedeemPerIp")]
    [TestCase("/api/auth/verify-email", "TokenRedeemPerIp")]
    public async Task Post_OverThePerIpLimit_Returns429ProblemWithRetryAfter(string path, string policy)
    {
        await using var factory = Host(new() { [$"RateLimiting:{policy}:PermitLimit"] = "2", [$"RateLimiting:{policy}:WindowSeconds"] = "60" });
        using var client = factory.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.PostAsJsonAsync(path, Body(i));
            Assert.That(allowed.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
        }

        using var refused = await client.PostAsJsonAsync(path, Body(3));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task Login_OverThePerAccountLimit_RefusesThatEmailOnly()
    {
        await using var factory = Host(new() { ["RateLimiting:LoginPerAccountAndIp:PermitLimit"] = "2" });
        using var client = factory.CreateClient();
        var api = new AuthFlowClient(client);

        using var first = await api.LoginAsync("alice@example.com", "wrong password one");
        using var second = await api.LoginAsync("ALICE@example.com ", "wrong password two");
        using var third = await api.LoginAsync("alice@example.com", "wrong password three");
        using var otherEmail = await api.LoginAsync("bob@example.com", "wrong password one");

        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(otherEmail.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [TestCase("/api/auth/forgot-password")]
    [TestCase("/api/auth/resend-verification")]
    public async Task EmailLink_OverThePerAccountLimit_RefusesThatEmailOnly(string path)
    {
        await using var factory = Host(new() { ["RateLimiting:EmailLinkPerAccountAndIp:PermitLimit"] = "2" });
        using var client = factory.CreateClient();

        using var first = await client.PostAsJsonAsync(path, new { email = "alice@example.com" });
        using var second = await client.PostAsJsonAsync(path, new { email = "Alice@Example.com" });
        using var third = await client.PostAsJsonAsync(path, new { email = "alice@example.com" });
        using var otherEmail = await client.PostAsJsonAsync(path, new { email = "bob@example.com" });

        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { first.StatusCode, second.StatusCode, otherEmail.StatusCode }, Is.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        }
    }

    [Test]
    public async Task Register_OverThePerAccountLimit_StoresNothingMore()
    {
        await using var factory = Host(new() { ["RateLimiting:RegisterPerAccountAndIp:PermitLimit"] = "1" });
        var api = new AuthFlowClient(factory.CreateClient());

        using var first = await api.RegisterAsync("alice@example.com", "a first long passphrase");
        using var second = await api.RegisterAsync("alice@example.com", "a second long passphrase");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await second.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Test]
    public async Task Login_WithABodyThatDoesNotBind_IsNotCountedPerAccount()
    {
        await using var factory = Host(new() { ["RateLimiting:LoginPerAccountAndIp:PermitLimit"] = "1" });
        var api = new AuthFlowClient(factory.CreateClient());

        using var invalid = await api.PostRawAsync("/api/auth/login", """{"email":"alice@example.com","password":42}""");
        using var valid = await api.LoginAsync("alice@example.com", "a wrong password");

        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Login_WithXForwardedForAndNoTrustedProxy_IgnoresTheHeader()
    {
        await using var factory = Host(new() { ["RateLimiting:LoginPerIp:PermitLimit"] = "1" });
        using var client = factory.CreateClient();

        using var first = await LoginFromAsync(client, "127.0.0.5");
        using var second = await LoginFromAsync(client, "127.0.0.6");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await second.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Test]
    public async Task Login_WithXForwardedForFromATrustedProxy_LimitsEachClientApart()
    {
        await using var factory = Host(new()
        {
            ["RateLimiting:LoginPerIp:PermitLimit"] = "1",
            ["ForwardedHeaders:KnownProxies:0"] = Peer,
        });
        using var client = factory.CreateClient();

        using var first = await LoginFromAsync(client, "127.0.0.5");
        using var otherClient = await LoginFromAsync(client, "127.0.0.6");
        using var firstAgain = await LoginFromAsync(client, "127.0.0.5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        await firstAgain.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Test]
    public async Task Login_FromIpv6AddressesOfOneSlash64_SharesOnePerIpLimit()
    {
        await using var factory = Host(new()
        {
            ["RateLimiting:LoginPerIp:PermitLimit"] = "1",
            ["ForwardedHeaders:KnownProxies:0"] = Peer,
        });
        using var client = factory.CreateClient();

        using var first = await LoginFromAsync(client, "2001:db8:1:2::1");
        using var otherNetwork = await LoginFromAsync(client, "2001:db8:1:3::1");
        using var rotated = await LoginFromAsync(client, "2001:db8:1:2:abcd:ef01:2345:6789");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(otherNetwork.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        await rotated.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Test]
    public async Task Login_WithXForwardedForFromAPeerOutsideTheTrustedNetworks_IgnoresTheHeader()
    {
        await using var factory = Host(new()
        {
            ["RateLimiting:LoginPerIp:PermitLimit"] = "1",
            ["ForwardedHeaders:KnownNetworks:0"] = "127.0.1.0/24",
        });
        using var client = factory.CreateClient();

        using var first = await LoginFromAsync(client, "127.0.0.5");
        using var second = await LoginFromAsync(client, "127.0.0.6");

        await second.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    private static object Body(int i) => new
    {
        username = $"user{i}",
        email = $"user{i}@example.com",
        password = $"a long passphrase number {i}",
        refreshToken = $"not-a-token-{i}",
        token = $"not-a-token-{i}",
    };

    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = $"someone-{forwardedFor}@example.com", password = "a wrong password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private AuthFlowApiFactory Host(Dictionary<string, string?> settings) =>
        new(Database.ConnectionString, settings, services => services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>());

    /// <summary>Gives each in-memory request the peer address a socket would have.</summary>
    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Peer);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
