using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary>
/// A disabled account's login answers cost what every other login costs: one bcrypt verification at the configured
/// cost, whether the email is unknown, the password wrong, or right (then 403). So neither the answer nor its time tells
/// a guesser that the account exists or is disabled. (Wall-clock times: build/bench-login-timing.sh.)
/// </summary>
public sealed class DisabledAccountLoginTests : ApiTestBase
{
    [Test]
    public async Task EveryLoginAnswer_SpendsExactlyOneVerification_AndOnlyTheRightPasswordLearnsOfTheDisable()
    {
        var hasher = new BlockingHasher();
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, configureServices: hasher.Decorate);
        var api = new AuthFlowClient(factory.CreateClient());
        var admin = await api.SignUpAdminAsync(factory);
        var member = await api.RegisterUserAsync("member@example.com");
        using (var disable = await api.SendAsync(HttpMethod.Post, $"/api/admin/users/{member}/disable", admin.AccessToken))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var unknown = await LoginAsync(api, hasher, "nobody@example.com", "a wrong password here");
        var wrong = await LoginAsync(api, hasher, "member@example.com", "a wrong password here");
        var right = await LoginAsync(api, hasher, "member@example.com", AuthFlowClient.DefaultPassword);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown.Verifications, Is.EqualTo(1), "unknown email: one dummy verification");
            Assert.That(wrong.Verifications, Is.EqualTo(1), "disabled, wrong password: one verification");
            Assert.That(right.Verifications, Is.EqualTo(1), "disabled, right password: one verification");
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Body, Is.EqualTo(unknown.Body), "the same 401 as an unknown email");
            Assert.That(right.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(right.Body, Does.Contain("\"code\":\"account_disabled\""));
        }

        Assert.That(
            await Database.ScalarAsync<long>("select count(*) from audit_events where type = 'login.refused' and subject_user_id = @id", ("id", member)),
            Is.EqualTo(1));
    }

    private static async Task<(HttpStatusCode Status, string Body, int Verifications)> LoginAsync(
        AuthFlowClient api, BlockingHasher hasher, string email, string password)
    {
        var before = hasher.Verifications;
        using var response = await api.LoginAsync(email, password);
        var body = System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "");
        return (response.StatusCode, body, hasher.Verifications - before);
    }
}
