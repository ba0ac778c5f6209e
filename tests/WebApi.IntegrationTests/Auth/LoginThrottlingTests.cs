using System.Net;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>
/// Per-email back-off after <c>LoginThrottling:FreeAttempts</c> (5 here, the default) consecutive failures, and
/// answers that never tell whether an account holds the email.
/// </summary>
public sealed class LoginThrottlingTests : ApiTestBase
{
    private const int FreeAttempts = 5;

    [Test]
    public async Task Login_AfterTheFreeFailures_Returns429WithRetryAfterEvenForTheRightPassword()
    {
        await RegisterAsync("alice@example.com");
        await FailAsync("alice@example.com", FreeAttempts + 1);

        using var response = await Api.LoginAsync("alice@example.com");

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "login_throttled");
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Login_WithinTheFreeFailures_StillSucceeds()
    {
        await RegisterAsync("alice@example.com");
        await FailAsync("alice@example.com", FreeAttempts);

        using var response = await Api.LoginAsync("alice@example.com");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_OnceTheBlockHasPassed_SucceedsAndResetsTheCount()
    {
        await RegisterAsync("alice@example.com");
        await FailAsync("alice@example.com", FreeAttempts + 1);
        Factory.Clock.Advance(TimeSpan.FromSeconds(3));

        using var response = await Api.LoginAsync("alice@example.com");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from login_failure_counts"), Is.Zero);
    }

    [Test]
    public async Task Login_WithEachFurtherFailure_DoublesTheBlockUpTo15Minutes()
    {
        await RegisterAsync("alice@example.com");
        var waits = new List<TimeSpan?>();
        for (var failure = 1; failure <= FreeAttempts + 12; failure++)
        {
            using var wrong = await Api.LoginAsync("alice@example.com", "not the password at all");
            if (failure > FreeAttempts)
            {
                using var blocked = await Api.LoginAsync("alice@example.com");
                waits.Add(blocked.Headers.RetryAfter?.Delta);
                Factory.Clock.Advance(blocked.Headers.RetryAfter!.Delta!.Value);
            }
        }

        Assert.That(waits.Select(w => (int)w!.Value.TotalSeconds), Is.EqualTo(new[] { 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900 }));
    }

    [Test]
    public async Task Login_WhileBlocked_DoesNotCountMoreFailures()
    {
        await RegisterAsync("alice@example.com");
        await FailAsync("alice@example.com", FreeAttempts + 1);

        await FailAsync("alice@example.com", 10);

        Assert.That(await Database.ScalarAsync<int>("select failures from login_failure_counts"), Is.EqualTo(FreeAttempts + 1));
    }

    [Test]
    public async Task Login_ThrottledKnownAndUnknownEmails_AnswerIdentically()
    {
        await RegisterAsync("alice@example.com");
        await FailAsync("alice@example.com", FreeAttempts + 1);
        await FailAsync("nobody@example.com", FreeAttempts + 1);

        using var known = await Api.LoginAsync("alice@example.com");
        using var unknown = await Api.LoginAsync("nobody@example.com");

        await known.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "login_throttled");
        await AssertIdenticalAsync(known, unknown);
    }

    [Test]
    public async Task Login_UnknownEmailAndWrongPassword_AnswerIdentically()
    {
        await RegisterAsync("alice@example.com");

        using var wrong = await Api.LoginAsync("alice@example.com", "not the password at all");
        using var unknown = await Api.LoginAsync("nobody@example.com", "not the password at all");

        await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await AssertIdenticalAsync(wrong, unknown);
    }

    [Test]
    public async Task Login_Failures_StoreNoEmail()
    {
        await FailAsync("secret.person@example.com", 1);

        var row = await Database.ScalarAsync<string>("select row_to_json(c)::text from login_failure_counts c");
        var keyLength = await Database.ScalarAsync<int>("select length(email_key) from login_failure_counts");

        Assert.That(row, Does.Not.Contain("secret").And.Not.Contain("example"));
        Assert.That(keyLength, Is.EqualTo(32));
    }

    [Test]
    public async Task Login_ThrottledVictim_CanStillLogInOnceEachBlockEnds()
    {
        await RegisterAsync("alice@example.com");
        for (var round = 0; round < 20; round++)
        {
            await FailAsync("alice@example.com", 1);
            Factory.Clock.Advance(TimeSpan.FromMinutes(15));
        }

        using var response = await Api.LoginAsync("alice@example.com");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a capped back-off delays, never locks out");
    }

    private async Task RegisterAsync(string email)
    {
        using var response = await Api.RegisterAsync(email);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await Api.LoginAsync(email, "not the password at all");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.TooManyRequests));
        }
    }

    /// <summary>Same status, same headers, same body but for the per-request trace id.</summary>
    private static async Task AssertIdenticalAsync(HttpResponseMessage first, HttpResponseMessage second)
    {
        static string Headers(HttpResponseMessage r) => string.Join("\n", r.Headers.Concat(r.Content.Headers)
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));

        static async Task<string> Body(HttpResponseMessage r)
        {
            var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            return body.ToJsonString();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.StatusCode, Is.EqualTo(first.StatusCode));
            Assert.That(Headers(second), Is.EqualTo(Headers(first)));
            Assert.That(await Body(second), Is.EqualTo(await Body(first)));
        }
    }
}
