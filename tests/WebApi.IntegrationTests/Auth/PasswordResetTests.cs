using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>Forgot-password and reset-password through HTTP, with the email received over real SMTP.</summary>
public sealed class PasswordResetTests : ApiTestBase
{
    private const string Email = "alice@example.com";
    private const string NewPassword = "a brand new passphrase";

    [Test]
    public async Task ForgotPassword_ForAnAccount_MailsALinkThatSetsANewPassword()
    {
        await RegisterAsync();

        using var forgot = await Api.ForgotPasswordAsync(Email);
        var message = await ResetEmailAsync();
        using var reset = await Api.ResetPasswordAsync(message.LinkToken(), NewPassword);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forgot.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(message.Link(), Does.StartWith(TestSupport.TestSettings.ResetUrl + "?token="));
            Assert.That(message.Subject, Is.EqualTo("Reset your AuthFlow password"));
            Assert.That(message.HtmlBody, Does.Contain(message.LinkToken()));
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await reset.Content.ReadAsStringAsync());
        }

        using var withNew = await Api.LoginAsync(Email, NewPassword);
        using var withOld = await Api.LoginAsync(Email);
        Assert.That(withNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await withOld.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Test]
    public async Task ForgotPassword_ForKnownAndUnknownEmails_AnswersIdentically()
    {
        await RegisterAsync();

        using var known = await Api.ForgotPasswordAsync(Email);
        using var unknown = await Api.ForgotPasswordAsync("nobody@example.com");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(known.StatusCode));
            Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
            Assert.That(unknown.Content.Headers.ContentType, Is.EqualTo(known.Content.Headers.ContentType));
        }

        // Let the background work finish inside this test, so that it cannot mail into the next one.
        await ResetEmailAsync();
    }

    [Test]
    public async Task ForgotPassword_ForUnknownEmail_QueuesNoEmail()
    {
        await RegisterAsync();

        using var unknown = await Api.ForgotPasswordAsync("nobody@example.com");
        // Background requests run in order: once alice's reset email is out, the unknown one was handled too.
        using var known = await Api.ForgotPasswordAsync(Email);
        await ResetEmailAsync();

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from outbox_emails where to_address <> @to", ("to", Email)), Is.Zero);
    }

    [Test]
    public async Task ForgotPassword_WithMalformedEmail_Returns400ValidationFailed()
    {
        using var response = await Api.ForgotPasswordAsync("not an email");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task ForgotPassword_StoresOnlyTheHashOfTheToken()
    {
        await RegisterAsync();

        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token, Has.Length.EqualTo(43), "256 bits, base64url");
            Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens where token_hash = @t", ("t", token)), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens where purpose = 'PasswordReset'"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ResetPassword_WithTokenUsedBefore_Returns400InvalidResetToken()
    {
        await RegisterAsync();
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();
        using var first = await Api.ResetPasswordAsync(token, NewPassword);

        using var second = await Api.ResetPasswordAsync(token, "yet another passphrase");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await second.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_reset_token");
        using var login = await Api.LoginAsync(Email, NewPassword);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the second attempt changed nothing");
    }

    [Test]
    public async Task ResetPassword_AfterTheTokenExpired_Returns400InvalidResetToken()
    {
        await RegisterAsync();
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using var response = await Api.ResetPasswordAsync(token, NewPassword);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_reset_token");
    }

    [Test]
    public async Task ResetPassword_JustBeforeExpiry_Succeeds()
    {
        await RegisterAsync();
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        using var response = await Api.ResetPasswordAsync(token, NewPassword);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ResetPassword_WithTokenSupersededByANewerOne_Returns400AndTheNewerOneWorks()
    {
        await RegisterAsync();
        using var first = await Api.ForgotPasswordAsync(Email);
        var older = (await ResetEmailAsync()).LinkToken();
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        using var second = await Api.ForgotPasswordAsync(Email);
        var newer = (await Mail.WaitForAsync(Email, count: 3))
            .Where(m => m.Subject!.Contains("password", StringComparison.Ordinal))
            .Select(m => m.LinkToken())
            .Single(t => t != older);

        using var withOlder = await Api.ResetPasswordAsync(older, NewPassword);
        using var withNewer = await Api.ResetPasswordAsync(newer, NewPassword);

        await withOlder.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_reset_token");
        Assert.That(withNewer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ForgotPassword_AgainWithinTheCooldown_SendsNothingMoreAndTheFirstLinkStillWorks()
    {
        await RegisterAsync();
        using var first = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        // The test clock runs with real time: stay well inside the 60 s cooldown.
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var again = await Api.ForgotPasswordAsync(Email);
        // Background requests run in order: once bob's reset email is out, alice's second request was handled too.
        using var bob = await Api.RegisterAsync("bob@example.com", username: "bobby");
        using var bobForgot = await Api.ForgotPasswordAsync("bob@example.com");
        await Mail.WaitForAsync("bob@example.com", count: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(
                await Database.ScalarAsync<long>("select count(*) from outbox_emails where to_address = @to and subject like '%password%'", ("to", Email)),
                Is.EqualTo(1));
        }

        using var reset = await Api.ResetPasswordAsync(token, NewPassword);
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await reset.Content.ReadAsStringAsync());
    }

    [TestCase("")]
    [TestCase("not-a-token-anyone-issued")]
    public async Task ResetPassword_WithUnknownOrMissingToken_Returns400(string token)
    {
        using var response = await Api.ResetPasswordAsync(token, NewPassword);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, token.Length == 0 ? "validation_failed" : "invalid_reset_token");
    }

    [Test]
    public async Task ResetPassword_WithPasswordBreakingThePolicy_Returns400AndKeepsTheToken()
    {
        await RegisterAsync();
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        using var weak = await Api.ResetPasswordAsync(token, "short");
        using var strong = await Api.ResetPasswordAsync(token, NewPassword);

        var problem = await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!["password"], Is.Not.Null);
        Assert.That(strong.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ResetPassword_EndsEverySessionOfTheAccount()
    {
        var laptop = await Api.SignUpAndLoginAsync(Email);
        var phone = await Api.LoginSessionAsync(Email);
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();

        using var reset = await Api.ResetPasswordAsync(token, NewPassword);

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var fromLaptop = await Api.RefreshAsync(laptop.RefreshToken);
        using var fromPhone = await Api.RefreshAsync(phone.RefreshToken);
        await fromLaptop.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await fromPhone.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        using (Assert.EnterMultipleScope())
        {
            // The sessions end, so their access tokens are refused too, not only their refresh tokens.
            Assert.That(await Api.ProfileStatusAsync(laptop.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Api.ProfileStatusAsync(phone.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions where revocation_reason = 'PasswordReset'"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revoked_at is null"), Is.Zero);
        }
    }

    [Test]
    public async Task ResetPassword_NeverWritesTheTokenToTheLog()
    {
        await RegisterAsync();
        using var forgot = await Api.ForgotPasswordAsync(Email);
        var token = (await ResetEmailAsync()).LinkToken();
        using var reset = await Api.ResetPasswordAsync(token, NewPassword);

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Factory.Logs.Lines.Where(l => l.Contains(token, StringComparison.Ordinal)), Is.Empty);
    }

    private async Task RegisterAsync()
    {
        using var response = await Api.RegisterAsync(Email);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    /// <summary>The one reset email to the account (registration sent a verification email first).</summary>
    private async Task<MimeKit.MimeMessage> ResetEmailAsync() =>
        (await Mail.WaitForAsync(Email, count: 2)).Single(m => m.Subject!.Contains("password", StringComparison.OrdinalIgnoreCase));
}
