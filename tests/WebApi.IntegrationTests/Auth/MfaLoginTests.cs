using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

/// <summary>Login with a second factor: the mfaToken, TOTP codes, recovery codes, the throttle, amr and step-up.</summary>
public sealed class MfaLoginTests : ApiTestBase
{
    private const string Email = "alice@example.com";

    private Session _firstSession = null!;
    private TestAuthenticator _app = null!;
    private IReadOnlyList<string> _recoveryCodes = null!;

    [SetUp]
    public async Task EnableTotpAsync()
    {
        _firstSession = await Api.SignUpAndLoginAsync(Email);
        (_app, _recoveryCodes) = await Api.EnableTotpAsync(_firstSession.AccessToken, Factory.Clock);
    }

    [Test]
    public async Task Login_WithTheRightPassword_AnswersMfaRequiredWithoutTokens()
    {
        using var response = await Api.LoginAsync(Email);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["mfaRequired"]!.GetValue<bool>(), Is.True);
            Assert.That(body["mfaToken"]!.GetValue<string>(), Has.Length.EqualTo(43), "opaque, 256 bits");
            Assert.That(body["methods"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EquivalentTo(new[] { "totp", "recovery_code" }));
            Assert.That(body["accessToken"], Is.Null);
            Assert.That(body["refreshToken"], Is.Null);
            Assert.That(body["user"], Is.Null, "nothing about the account before the second factor");
        }
    }

    [Test]
    public async Task Login_WithAWrongPassword_IsThePlain401()
    {
        using var withMfa = await Api.LoginAsync(Email, "not the password at all");
        using var unknown = await Api.LoginAsync("nobody@example.com", "not the password at all");

        var mfaBody = await withMfa.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownBody = await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.That(mfaBody["title"]!.GetValue<string>(), Is.EqualTo(unknownBody["title"]!.GetValue<string>()));
    }

    [Test]
    public async Task LoginMfa_WithACode_ReturnsTokensWhoseAmrIsPwdOtp_AndRefreshKeepsIt()
    {
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);

        using var response = await Api.LoginMfaAsync(mfaToken, code: _app.NextCode());

        var session = await response.ReadSessionAsync();
        Assert.That(AccountClient.Amr(session.AccessToken), Is.EqualTo(new[] { "pwd", "otp" }));
        using var refresh = await Api.RefreshAsync(session.RefreshToken);
        var refreshed = await refresh.ReadJsonAsync();
        Assert.That(AccountClient.Amr(refreshed["accessToken"]!.GetValue<string>()), Is.EqualTo(new[] { "pwd", "otp" }));
        Assert.That(AccountClient.Amr(_firstSession.AccessToken), Is.EqualTo(new[] { "pwd" }), "a password login says so");
    }

    [Test]
    public async Task LoginMfa_WithACodeOneStepOld_IsAccepted_ButNotTwoStepsOld()
    {
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);

        using var tooOld = await Api.LoginMfaAsync(mfaToken, code: _app.Code(steps: -2));
        using var tooNew = await Api.LoginMfaAsync(mfaToken, code: _app.Code(steps: 2));
        using var oneOld = await Api.LoginMfaAsync(mfaToken, code: _app.Code(steps: -1));

        await tooOld.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        await tooNew.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        Assert.That(oneOld.StatusCode, Is.EqualTo(HttpStatusCode.OK), await oneOld.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task LoginMfa_WithACodeAlreadyUsed_Returns400()
    {
        var code = _app.NextCode();
        using var first = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), code: code);

        using var replay = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), code: code);
        using var earlier = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), code: _app.Code(steps: -1));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await replay.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        await earlier.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
    }

    [Test]
    public async Task LoginMfa_TheMfaTokenWorksOnce()
    {
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);
        using var first = await Api.LoginMfaAsync(mfaToken, code: _app.NextCode());

        using var second = await Api.LoginMfaAsync(mfaToken, code: _app.NextCode());

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await second.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_token");
    }

    [Test]
    public async Task LoginMfa_AfterFiveMinutes_TheMfaTokenHasExpired()
    {
        var expired = await Api.LoginForMfaTokenAsync(Email);
        var fresh = await Api.LoginForMfaTokenAsync(Email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(50));
        using var justInTime = await Api.LoginMfaAsync(fresh, code: _app.Code());

        Factory.Clock.Advance(TimeSpan.FromSeconds(15));
        using var tooLate = await Api.LoginMfaAsync(expired, code: _app.NextCode());

        Assert.That(justInTime.StatusCode, Is.EqualTo(HttpStatusCode.OK), await justInTime.Content.ReadAsStringAsync());
        await tooLate.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_token");
    }

    [Test]
    public async Task LoginMfa_WithAnUnknownMfaToken_Returns401()
    {
        using var response = await Api.LoginMfaAsync("not-a-real-mfa-token", code: _app.NextCode());

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_token");
    }

    [Test]
    public async Task LoginMfa_WithARecoveryCode_SignsInOnceAndTheCodeIsUsedUp()
    {
        using var first = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), recoveryCode: _recoveryCodes[0].ToUpperInvariant());

        using var again = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), recoveryCode: _recoveryCodes[0]);

        var session = await first.ReadSessionAsync();
        Assert.That(AccountClient.Amr(session.AccessToken), Is.EqualTo(new[] { "pwd", "otp" }));
        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        using var status = await Api.MfaStatusAsync(session.AccessToken);
        Assert.That((await status.ReadJsonAsync())["recoveryCodesRemaining"]!.GetValue<int>(), Is.EqualTo(9));
    }

    [Test]
    public async Task LoginMfa_WithBothOrNeitherCode_Returns400()
    {
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);

        using var both = await Api.LoginMfaAsync(mfaToken, code: _app.NextCode(), recoveryCode: _recoveryCodes[0]);
        using var neither = await Api.LoginMfaAsync(mfaToken);

        await both.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await neither.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task LoginMfa_WrongCodes_AreThrottledPerAccount()
    {
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);
        var right = _app.NextCode();
        var wrong = right == "000000" ? "000001" : "000000";

        // Five failures are free; the sixth starts a block, which even the right code then meets.
        for (var i = 0; i < 6; i++)
        {
            using var guess = await Api.LoginMfaAsync(mfaToken, code: wrong);
            await guess.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        }

        using var blocked = await Api.LoginMfaAsync(mfaToken, code: right);
        await blocked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "mfa_throttled");
        Assert.That(blocked.Headers.RetryAfter, Is.Not.Null);

        Factory.Clock.Advance(TimeSpan.FromSeconds(3));
        using var afterBlock = await Api.LoginMfaAsync(mfaToken, code: _app.Code());
        Assert.That(afterBlock.StatusCode, Is.EqualTo(HttpStatusCode.OK), await afterBlock.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task StepUp_APasswordOnlySession_IsRefusedSensitiveChanges()
    {
        var passwordOnly = _firstSession.AccessToken;

        using var password = await Api.ChangePasswordAsync(passwordOnly, AuthFlowClient.DefaultPassword, "a brand new passphrase");
        using var email = await Api.ChangeEmailAsync(passwordOnly, "alice.new@example.com");
        using var delete = await Api.DeleteAccountAsync(passwordOnly);
        using var removeFactor = await Api.RemoveTotpAsync(passwordOnly, code: _app.NextCode());
        using var codes = await Api.RegenerateRecoveryCodesAsync(passwordOnly, password: AuthFlowClient.DefaultPassword);

        await password.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        await email.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        await delete.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        await removeFactor.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        await codes.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        Assert.That(await Api.ProfileStatusAsync(passwordOnly), Is.EqualTo(HttpStatusCode.OK), "the session itself still works");
    }

    [Test]
    public async Task StepUp_ASessionThatUsedTheSecondFactor_MayChangeThePassword()
    {
        var withOtp = await Api.LoginWithTotpAsync(Email, _app);

        using var response = await Api.ChangePasswordAsync(withOtp.AccessToken, AuthFlowClient.DefaultPassword, "a brand new passphrase");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        var mfaToken = await Api.LoginForMfaTokenAsync(Email, "a brand new passphrase");
        Assert.That(mfaToken, Is.Not.Empty, "the second factor stays after a password change");
    }

    [Test]
    public async Task DeleteAccount_AfterASecondFactorLogin_ErasesTheFactorsToo()
    {
        var withOtp = await Api.LoginWithTotpAsync(Email, _app);

        using var response = await Api.DeleteAccountAsync(withOtp.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from totp_authenticators"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from recovery_codes"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens"), Is.Zero);
        }
    }
}
