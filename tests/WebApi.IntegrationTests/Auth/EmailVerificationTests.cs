using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>Registration mails a verification link; verify-email and resend-verification through HTTP over real SMTP.</summary>
public sealed class EmailVerificationTests : ApiTestBase
{
    private const string Email = "alice@example.com";

    [Test]
    public async Task Register_MailsAVerificationLinkThatVerifiesTheAddress()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var before = await ProfileAsync(session);

        var message = (await Mail.WaitForAsync(Email)).Single();
        using var verify = await Api.VerifyEmailAsync(message.LinkToken());
        var after = await ProfileAsync(session);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Subject, Is.EqualTo("Verify your email for AuthFlow"));
            Assert.That(message.Link(), Does.StartWith(TestSupport.TestSettings.VerifyUrl + "?token="));
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("no-reply@authflow.test"));
            Assert.That(before["user"]!["emailVerified"]!.GetValue<bool>(), Is.False);
            Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after["user"]!["emailVerified"]!.GetValue<bool>(), Is.True);
        }
    }

    [Test]
    public async Task Register_WithMarkupInTheUsername_EncodesItInTheHtmlPart()
    {
        using var register = await Api.RegisterAsync(Email, username: "<script>alert(1)</script>");

        var message = (await Mail.WaitForAsync(Email)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(message.HtmlBody, Does.Not.Contain("<script>"));
            Assert.That(message.HtmlBody, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
            Assert.That(message.TextBody, Does.Contain("Hi <script>alert(1)</script>,"));
        }
    }

    [Test]
    public async Task VerifyEmail_WithTokenUsedBefore_Returns400InvalidVerificationToken()
    {
        using var register = await Api.RegisterAsync(Email);
        var token = (await Mail.WaitForAsync(Email)).Single().LinkToken();
        using var first = await Api.VerifyEmailAsync(token);

        using var second = await Api.VerifyEmailAsync(token);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_verification_token");
    }

    [Test]
    public async Task VerifyEmail_AfterTheTokenExpired_Returns400AndLeavesTheAddressUnverified()
    {
        using var register = await Api.RegisterAsync(Email);
        var token = (await Mail.WaitForAsync(Email)).Single().LinkToken();

        Factory.Clock.Advance(TimeSpan.FromHours(48));
        using var response = await Api.VerifyEmailAsync(token);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_verification_token");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users where email_verified_at is not null"), Is.Zero);
    }

    [Test]
    public async Task VerifyEmail_WithAPasswordResetToken_Returns400()
    {
        using var register = await Api.RegisterAsync(Email);
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var resetToken = (await Mail.WaitForAsync(Email, count: 2)).Single(m => m.Subject!.Contains("password", StringComparison.Ordinal)).LinkToken();

        using var response = await Api.VerifyEmailAsync(resetToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_verification_token");
    }

    [Test]
    public async Task ResendVerification_WithinTheCooldown_SendsNothingMoreAndAnswersTheSame()
    {
        using var register = await Api.RegisterAsync(Email);
        await Mail.WaitForAsync(Email);

        using var resend = await Api.ResendVerificationAsync(Email);
        using var unknown = await Api.ResendVerificationAsync("nobody@example.com");
        await WaitForBackgroundRequestsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await resend.Content.ReadAsStringAsync()));
            Assert.That(await VerificationEmailCountAsync(), Is.EqualTo(1), "only the registration email");
        }
    }

    [Test]
    public async Task ResendVerification_AfterTheCooldown_MailsANewLinkThatReplacesTheFirst()
    {
        using var register = await Api.RegisterAsync(Email);
        var first = (await Mail.WaitForAsync(Email)).Single().LinkToken();

        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        using var resend = await Api.ResendVerificationAsync(Email);
        var second = (await Mail.WaitForAsync(Email, count: 2)).Select(m => m.LinkToken()).Single(t => t != first);

        using var withFirst = await Api.VerifyEmailAsync(first);
        using var withSecond = await Api.VerifyEmailAsync(second);

        Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await withFirst.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_verification_token");
        Assert.That(withSecond.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ResendVerification_ForAVerifiedAccount_SendsNothing()
    {
        using var register = await Api.RegisterAsync(Email);
        using var verify = await Api.VerifyEmailAsync((await Mail.WaitForAsync(Email)).Single().LinkToken());

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var resend = await Api.ResendVerificationAsync(Email);
        await WaitForBackgroundRequestsAsync();

        Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await VerificationEmailCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Login_WhenVerificationIsRequired_RefusesAnUnverifiedAddressOnlyAfterThePasswordMatched()
    {
        await using var strict = Factory.WithWebHostBuilder(b => b.UseSetting("Auth:RequireVerifiedEmail", "true"));
        using var api = new AuthFlowClient(strict.CreateClient());
        using var register = await api.RegisterAsync(Email);

        using var wrongPassword = await api.LoginAsync(Email, "not the password at all");
        using var unverified = await api.LoginAsync(Email);
        using var verify = await api.VerifyEmailAsync((await Mail.WaitForAsync(Email))[0].LinkToken());
        using var verified = await api.LoginAsync(Email);

        await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await unverified.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "email_not_verified");
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_ByDefault_AcceptsAnUnverifiedAddress()
    {
        using var register = await Api.RegisterAsync(Email);

        using var login = await Api.LoginAsync(Email);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>
    /// Background requests run one at a time, in order: once a reset email asked for afterwards is in the outbox,
    /// every request before it was handled.
    /// </summary>
    private async Task WaitForBackgroundRequestsAsync()
    {
        using var forgot = await Api.ForgotPasswordAsync(Email);
        await Mail.WaitForAsync(Email, count: 2);
    }

    private Task<long> VerificationEmailCountAsync() =>
        Database.ScalarAsync<long>("select count(*) from outbox_emails where subject like 'Verify%'");

    private async Task<System.Text.Json.Nodes.JsonObject> ProfileAsync(Session session)
    {
        using var response = await Api.GetAsync("/api/profile", session.AccessToken);
        return await response.ReadJsonAsync();
    }
}
