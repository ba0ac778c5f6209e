using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>
/// A host with one hashing slot and no queue, whose hasher blocks until the test releases it: while one login holds
/// the slot, another is refused at once with 503, and the protected routes keep answering.
/// </summary>
public sealed class HashingGateTests : ApiTestBase
{
    [Test]
    public async Task Login_WhileEveryHashingSlotIsTaken_Returns503BusyAtOnceAndOtherRoutesStillAnswer()
    {
        var hasher = new BlockingHasher();
        await using var factory = new AuthFlowApiFactory(
            Database.ConnectionString,
            new Dictionary<string, string?> { ["PasswordHashing:MaxConcurrency"] = "1", ["PasswordHashing:QueueLimit"] = "0" },
            services => hasher.Decorate(services));
        var api = new AuthFlowClient(factory.CreateClient());
        var session = await api.SignUpAndLoginAsync();

        hasher.BlockNext();
        var held = api.LoginAsync("alice@example.com");
        await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        using var refused = await api.LoginAsync("alice@example.com");
        using var registerRefused = await api.RegisterAsync("bob@example.com", username: "bobby");
        using var profile = await api.GetAsync("/api/profile", session.AccessToken);
        using var refreshed = await api.RefreshAsync(session.RefreshToken);
        hasher.Release();
        using var heldResponse = await held;

        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
        await registerRefused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(heldResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from login_failure_counts"), Is.Zero, "a refusal is no failed login");
        }
    }
}
