using System.Diagnostics;
using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>
/// Two instances of the service (two hosts) share one database. Ending a session on one must make the other refuse
/// that session's access tokens within a second, with no database lookup per request: only LISTEN/NOTIFY connects them.
/// </summary>
public sealed class RevocationAcrossInstancesTests : ApiTestBase
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    private AuthFlowApiFactory _instanceB = null!;
    private AuthFlowClient _apiB = null!;

    [SetUp]
    public async Task StartSecondInstanceAsync()
    {
        _instanceB = new AuthFlowApiFactory(Database.ConnectionString);
        _apiB = new AuthFlowClient(_instanceB.CreateClient());
        await _instanceB.WaitUntilListeningAsync();
        await Factory.WaitUntilListeningAsync();
    }

    [TearDown]
    public async Task StopSecondInstanceAsync()
    {
        _apiB.Dispose();
        await _instanceB.DisposeAsync();
    }

    [Test]
    public async Task Logout_OnInstanceA_MakesInstanceBRefuseThatSessionsAccessTokenWithinOneSecond()
    {
        var ended = await Api.SignUpAndLoginAsync();
        var other = await Api.LoginSessionAsync("alice@example.com");
        using (var before = await _apiB.GetAsync("/api/profile", ended.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "instance B accepts the token before the logout");
        }

        using var logout = await Api.LogoutAsync(ended.AccessToken);
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var loggedOut = Stopwatch.GetTimestamp();

        var status = await PollUntilRefusedAsync(ended.AccessToken);
        await TestContext.Out.WriteLineAsync($"Instance B refused the token {Stopwatch.GetElapsedTime(loggedOut).TotalMilliseconds:0} ms after the logout answered.");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), $"instance B still accepted the token {Within.TotalSeconds} s after the logout");
        Assert.That(await _apiB.ProfileStatusAsync(other.AccessToken), Is.EqualTo(HttpStatusCode.OK), "the user's other session keeps working on B");
    }

    [Test]
    public async Task EndSession_OnInstanceB_MakesInstanceARefuseIt()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");

        using var end = await _apiB.EndSessionAsync(laptop.AccessToken, phone.SessionId);
        Assert.That(end.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await Factory.WaitUntilRevokedAsync(phone.SessionId, Within), Is.True, "instance A never heard of it");
        Assert.That(await Api.ProfileStatusAsync(phone.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<HttpStatusCode> PollUntilRefusedAsync(string accessToken)
    {
        var until = DateTime.UtcNow + Within;
        while (true)
        {
            using var response = await _apiB.GetAsync("/api/profile", accessToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized || DateTime.UtcNow >= until)
            {
                return response.StatusCode;
            }

            await Task.Delay(10);
        }
    }
}
