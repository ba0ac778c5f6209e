using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Account;

/// <summary>Change password, change email and delete account through HTTP, with the emails over real SMTP.</summary>
public sealed class AccountSettingsTests : ApiTestBase
{
    private const string Email = "alice@example.com";
    private const string NewPassword = "a brand new passphrase";
    private const string NewEmail = "alice.new@example.com";

    [Test]
    public async Task ChangePassword_WithTheCurrentPassword_ChangesItAndEndsEveryOtherSession()
    {
        var current = await Api.SignUpAndLoginAsync(Email);
        var other = await Api.LoginSessionAsync(Email);

        using var response = await Api.ChangePasswordAsync(current.AccessToken, AuthFlowClient.DefaultPassword, NewPassword);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Api.ProfileStatusAsync(current.AccessToken), Is.EqualTo(HttpStatusCode.OK), "this session stays");
            Assert.That(await Api.ProfileStatusAsync(other.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "the other session ended");
        }

        using var otherRefresh = await Api.RefreshAsync(other.RefreshToken);
        using var currentRefresh = await Api.RefreshAsync(current.RefreshToken);
        using var withNew = await Api.LoginAsync(Email, NewPassword);
        using var withOld = await Api.LoginAsync(Email);
        await otherRefresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(currentRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(withNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await withOld.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Test]
    public async Task ChangePassword_WithAWrongCurrentPassword_Returns400AndChangesNothing()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.ChangePasswordAsync(session.AccessToken, "not the password at all", NewPassword);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        using var login = await Api.LoginAsync(Email);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ChangePassword_WrongCurrentPasswords_CountTowardTheLoginThrottle()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        // Five failures are free; the sixth starts a block.
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await Api.ChangePasswordAsync(session.AccessToken, $"wrong password number {i}", NewPassword);
            await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        }

        using var login = await Api.LoginAsync(Email);
        using var change = await Api.ChangePasswordAsync(session.AccessToken, AuthFlowClient.DefaultPassword, NewPassword);
        await login.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "login_throttled");
        await change.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "login_throttled");
    }

    [Test]
    public async Task ChangePassword_ToOneThePolicyRefuses_Returns400NamingNewPassword()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var tooShort = await Api.ChangePasswordAsync(session.AccessToken, AuthFlowClient.DefaultPassword, "short");
        using var fromEmail = await Api.ChangePasswordAsync(session.AccessToken, AuthFlowClient.DefaultPassword, "alice@example.com!!");

        var body = await tooShort.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(body["errors"]!.AsObject().ContainsKey("newPassword"), Is.True, body.ToJsonString());
        await fromEmail.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task ChangePassword_WithoutAnAccessToken_Returns401()
    {
        using var response = await Api.ChangePasswordAsync("not-a-token", AuthFlowClient.DefaultPassword, NewPassword);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ChangeEmail_MailsTheNewAddressAndTheOld_AndChangesOnlyWhenTheLinkIsUsed()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.ChangeEmailAsync(session.AccessToken, NewEmail);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var confirmation = (await Mail.WaitForAsync(NewEmail)).Single();
        var notice = (await Mail.WaitForAsync(Email, count: 2)).Single(m => m.Subject!.Contains("about to change", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(confirmation.Subject, Is.EqualTo("Confirm your new email for AuthFlow"));
            Assert.That(confirmation.Link(), Does.StartWith(TestSupport.TestSettings.VerifyUrl + "?token="));
            Assert.That(notice.TextBody, Does.Not.Contain(NewEmail), "the notice names no address");
        }

        using (var beforeConfirmation = await Api.LoginAsync(Email))
        {
            Assert.That(beforeConfirmation.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing changes before the link is used");
        }

        using var confirm = await Api.VerifyEmailAsync(confirmation.LinkToken());
        using var withNew = await Api.LoginAsync(NewEmail);
        using var withOld = await Api.LoginAsync(Email);
        using var again = await Api.VerifyEmailAsync(confirmation.LinkToken());

        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await confirm.Content.ReadAsStringAsync());
        var login = await withNew.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(withNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(login["user"]!["email"]!.GetValue<string>(), Is.EqualTo(NewEmail));
            Assert.That(login["user"]!["emailVerified"]!.GetValue<bool>(), Is.True, "the link proved the new address");
        }

        await withOld.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_verification_token");
    }

    [Test]
    public async Task ChangeEmail_ToATakenAddress_AnswersAsForAFreeOne_AndFailsAtConfirmation()
    {
        using (var bob = await Api.RegisterAsync("bob@example.com", username: "bob"))
        {
            Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var session = await Api.SignUpAndLoginAsync(Email);

        using var free = await Api.ChangeEmailAsync(session.AccessToken, NewEmail);
        using var taken = await Api.ChangeEmailAsync(session.AccessToken, "Bob@Example.com");

        Assert.That(taken.StatusCode, Is.EqualTo(free.StatusCode));
        Assert.That(await taken.Content.ReadAsStringAsync(), Is.EqualTo(await free.Content.ReadAsStringAsync()));

        var link = (await Mail.WaitForAsync("bob@example.com", count: 2)).Single(m => m.Subject!.StartsWith("Confirm your new email", StringComparison.Ordinal));
        using var confirm = await Api.VerifyEmailAsync(link.LinkToken());

        var problem = await confirm.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("An account with this email already exists."));
        using var login = await Api.LoginAsync(Email);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "alice keeps her address");
    }

    [Test]
    public async Task ChangeEmail_ToALookAlikeOfATakenAddress_AnswersAsForAFreeOne_AndFailsAtConfirmationAsForTheAddressItself()
    {
        using (var bob = await Api.RegisterAsync("bob@example.com", username: "bob"))
        {
            Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var session = await Api.SignUpAndLoginAsync(Email);
        const string lookAlike = "bob@exarnple.com"; // "rn" for "m": ASCII, so the test's SMTP server takes it

        using var free = await Api.ChangeEmailAsync(session.AccessToken, NewEmail);
        using var taken = await Api.ChangeEmailAsync(session.AccessToken, lookAlike);

        Assert.That(taken.StatusCode, Is.EqualTo(free.StatusCode));
        Assert.That(await taken.Content.ReadAsStringAsync(), Is.EqualTo(await free.Content.ReadAsStringAsync()));

        var link = (await Mail.WaitForAsync(lookAlike)).Single(m => m.Subject!.StartsWith("Confirm your new email", StringComparison.Ordinal));
        using var confirm = await Api.VerifyEmailAsync(link.LinkToken());

        var problem = await confirm.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("An account with this email already exists."));
        using var login = await Api.LoginAsync(Email);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "alice keeps her address");
    }

    [Test]
    public async Task ChangeEmail_WithAWrongPassword_Returns400AndMailsNothing()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.ChangeEmailAsync(session.AccessToken, NewEmail, password: "not the password at all");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from outbox_emails where to_address = @to", ("to", NewEmail)), Is.Zero);
    }

    [Test]
    public async Task DeleteAccount_WithThePassword_ErasesItAndEndsEverySession()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var other = await Api.LoginSessionAsync(Email);

        using var response = await Api.DeleteAccountAsync(session.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using var login = await Api.LoginAsync(Email);
        using var refresh = await Api.RefreshAsync(other.RefreshToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Api.ProfileStatusAsync(other.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions"), Is.Zero);
        }

        await login.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task DeleteAccount_WithAWrongPassword_Returns400AndKeepsTheAccount()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.DeleteAccountAsync(session.AccessToken, "not the password at all");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DeleteAccount_WithoutABody_Returns400()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.SendAsync(HttpMethod.Delete, "/api/account", session.AccessToken, new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
