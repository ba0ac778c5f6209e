using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary><c>DELETE /api/admin/users/{id}/mfa</c>: an administrator removes the factors of a user who lost them.</summary>
public sealed class AdminRemoveFactorsTests : ApiTestBase
{
    [Test]
    public async Task RemoveFactors_EndsTheSessions_AndThePasswordAloneSignsInAgain()
    {
        var admin = await Api.SignUpAdminAsync(Factory);
        var member = await Api.SignUpAndLoginAsync("member@example.com");
        await Api.EnableTotpAsync(member.AccessToken, Factory.Clock);
        Assert.That(await Api.LoginForMfaTokenAsync("member@example.com"), Is.Not.Empty, "the factor is asked for before");

        using var removed = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{member.UserId}/mfa", admin.AccessToken);

        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Api.ProfileStatusAsync(member.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "its sessions ended");
        using var login = await Api.LoginAsync("member@example.com");
        var body = await login.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["mfaRequired"], Is.Null, "no factor is left to ask for");
            Assert.That(body["accessToken"]?.GetValue<string>(), Is.Not.Empty);
        }

        var trail = await Database.ScalarAsync<string>("select string_agg(type, ' ') from audit_events");
        Assert.That(trail, Does.Contain("mfa.factors_removed"));
    }

    [Test]
    public async Task RemoveFactors_AsANonAdmin_Answers403_AndTheFactorStays()
    {
        var member = await Api.SignUpAndLoginAsync("member@example.com");
        await Api.EnableTotpAsync(member.AccessToken, Factory.Clock);

        using var refused = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{member.UserId}/mfa", member.AccessToken);

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.That(await Api.LoginForMfaTokenAsync("member@example.com"), Is.Not.Empty);
    }

    [Test]
    public async Task RemoveFactors_OfAnUnknownUser_Answers404()
    {
        var admin = await Api.SignUpAdminAsync(Factory);

        using var response = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{Guid.CreateVersion7()}/mfa", admin.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }
}
