using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary>A role change or a disable on instance A ends the user's sessions on instance B within a second (LISTEN/NOTIFY).</summary>
public sealed class RoleChangeAcrossInstancesTests : ApiTestBase
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
    public async Task DemotingAnAdminOnInstanceA_MakesInstanceBRefuseItsAdminTokenWithinOneSecond()
    {
        var first = await Api.SignUpAdminAsync(Factory);
        var second = await Api.SignUpAdminAsync(Factory, "second@example.com", "second");
        using (var before = await _apiB.GetAsync("/api/admin/users", second.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "instance B lets the admin in before the change");
        }

        using var demote = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{second.UserId}/roles/admin", first.AccessToken);
        Assert.That(demote.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await _instanceB.WaitUntilRevokedAsync(second.SessionId, Within), Is.True, "instance B never heard of the ended session");
        using var after = await _apiB.GetAsync("/api/admin/users", second.AccessToken);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task DisablingOnInstanceB_MakesInstanceARefuseTheUsersTokensWithinOneSecond()
    {
        var admin = await Api.SignUpAdminAsync(Factory);
        var member = await Api.SignUpAndLoginAsync("member@example.com");

        using var disable = await _apiB.SendAsync(HttpMethod.Post, $"/api/admin/users/{member.UserId}/disable", admin.AccessToken);
        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await Factory.WaitUntilRevokedAsync(member.SessionId, Within), Is.True, "instance A never heard of it");
        Assert.That(await Api.ProfileStatusAsync(member.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
