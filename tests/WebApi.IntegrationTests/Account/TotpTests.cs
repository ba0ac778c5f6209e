using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Account;

/// <summary>Authenticator-app enrolment, confirmation, listing, removal and recovery codes, through HTTP.</summary>
public sealed class TotpTests : ApiTestBase
{
    private const string Email = "alice@example.com";

    [Test]
    public async Task EnrolTotp_ReturnsASecretItsUriAndAQrCode_PendingUntilConfirmed()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.EnrolTotpAsync(session.AccessToken);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var secret = body["secret"]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret, Does.Match("^[A-Z2-7]{32}$"), "160 bits in base32");
            Assert.That(body["otpAuthUri"]!.GetValue<string>(), Does.StartWith("otpauth://totp/").And.Contain("secret=" + secret).And.Contain("issuer=AuthFlow"));
            Assert.That(body["qrCode"]!.GetValue<string>(), Does.StartWith("data:image/png;base64,"));
        }

        var png = Convert.FromBase64String(body["qrCode"]!.GetValue<string>()["data:image/png;base64,".Length..]);
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG image");

        using var status = await Api.MfaStatusAsync(session.AccessToken);
        var listed = await status.ReadJsonAsync();
        using var login = await Api.LoginAsync(Email);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed["enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(listed["factors"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("totp"));
            Assert.That(listed["factors"]![0]!["confirmed"]!.GetValue<bool>(), Is.False);
            Assert.That((await login.ReadJsonAsync())["accessToken"], Is.Not.Null, "a pending factor does not change login");
        }
    }

    [Test]
    public async Task ConfirmTotp_WithACodeFromTheApp_EnablesItAndReturnsTenRecoveryCodesOnce()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        using var enrol = await Api.EnrolTotpAsync(session.AccessToken);
        var app = new TestAuthenticator((await enrol.ReadJsonAsync())["secret"]!.GetValue<string>(), Factory.Clock);

        using var confirm = await Api.ConfirmTotpAsync(session.AccessToken, app.Code());

        var body = await confirm.ReadJsonAsync();
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var codes = AccountClient.RecoveryCodes(body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes, Has.Count.EqualTo(10));
            Assert.That(codes, Is.Unique);
            Assert.That(codes, Has.All.Match("^[a-z2-9]{5}-[a-z2-9]{5}$"));
        }

        using var status = await Api.MfaStatusAsync(session.AccessToken);
        var listed = await status.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(listed["factors"]![0]!["confirmed"]!.GetValue<bool>(), Is.True);
            Assert.That(listed["recoveryCodesRemaining"]!.GetValue<int>(), Is.EqualTo(10));
        }
    }

    [Test]
    public async Task ConfirmTotp_WithAWrongCode_Returns400AndLeavesItPending()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        using var enrol = await Api.EnrolTotpAsync(session.AccessToken);
        var app = new TestAuthenticator((await enrol.ReadJsonAsync())["secret"]!.GetValue<string>(), Factory.Clock);

        using var wrong = await Api.ConfirmTotpAsync(session.AccessToken, app.Code(steps: 3));
        using var malformed = await Api.ConfirmTotpAsync(session.AccessToken, "12ab56");

        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var login = await Api.LoginAsync(Email);
        Assert.That((await login.ReadJsonAsync())["accessToken"], Is.Not.Null);
    }

    [Test]
    public async Task ConfirmTotp_WithoutAnEnrolment_Returns409()
    {
        var session = await Api.SignUpAndLoginAsync(Email);

        using var response = await Api.ConfirmTotpAsync(session.AccessToken, "123456");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "totp_not_pending");
    }

    [Test]
    public async Task EnrolTotp_WhenAlreadyEnabled_Returns409()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, _) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var withOtp = await Api.LoginWithTotpAsync(Email, app);

        using var response = await Api.EnrolTotpAsync(withOtp.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "totp_already_enabled");
    }

    [Test]
    public async Task RegenerateRecoveryCodes_ReplacesTheSet_TheOldCodesStopWorking()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, oldCodes) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var withOtp = await Api.LoginWithTotpAsync(Email, app);

        using var response = await Api.RegenerateRecoveryCodesAsync(withOtp.AccessToken, password: AuthFlowClient.DefaultPassword);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var newCodes = AccountClient.RecoveryCodes(body);
        Assert.That(newCodes, Has.Count.EqualTo(10).And.No.AnyOf(oldCodes.ToArray()));

        using var withOld = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), recoveryCode: oldCodes[0]);
        using var withNew = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), recoveryCode: newCodes[0]);
        await withOld.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        Assert.That(withNew.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RegenerateRecoveryCodes_WithACodeInsteadOfThePassword_Works()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, _) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var withOtp = await Api.LoginWithTotpAsync(Email, app);

        using var response = await Api.RegenerateRecoveryCodesAsync(withOtp.AccessToken, password: null, code: app.NextCode());
        using var neither = await Api.RegenerateRecoveryCodesAsync(withOtp.AccessToken, password: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        await neither.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task RemoveTotp_WithPasswordAndCode_TurnsMfaOffAndEndsOtherSessions()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, codes) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var withOtp = await Api.LoginWithTotpAsync(Email, app);

        using var wrongCode = await Api.RemoveTotpAsync(withOtp.AccessToken, code: app.Code(steps: 5));
        using var response = await Api.RemoveTotpAsync(withOtp.AccessToken, code: app.NextCode());

        await wrongCode.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Api.ProfileStatusAsync(withOtp.AccessToken), Is.EqualTo(HttpStatusCode.OK), "this session stays");
            Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "other sessions end");
            Assert.That(await Database.ScalarAsync<long>("select count(*) from recovery_codes"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from totp_authenticators"), Is.Zero);
        }

        using var login = await Api.LoginAsync(Email);
        Assert.That((await login.ReadJsonAsync())["accessToken"], Is.Not.Null, "the password alone signs in again");
        Assert.That(codes, Is.Not.Empty);
    }

    [Test]
    public async Task RemoveTotp_WithoutThePassword_Returns400()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, _) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var withOtp = await Api.LoginWithTotpAsync(Email, app);

        using var response = await Api.RemoveTotpAsync(withOtp.AccessToken, code: app.NextCode(), password: "not the password at all");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from totp_authenticators"), Is.EqualTo(1));
    }

    [Test]
    public async Task EnrolTotp_OnAnHs256ServiceWithoutAKeyEncryptionKey_Returns409()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jwt:Algorithm"] = "HS256",
            ["Jwt:KeyEncryptionKey"] = "",
        });
        using var api = new AuthFlowClient(factory.CreateClient());
        var session = await api.SignUpAndLoginAsync(Email);

        using var response = await api.EnrolTotpAsync(session.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "totp_unavailable");
    }

    [Test]
    public async Task SecretsAndCodes_AreNeitherLoggedNorStoredInClear()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        var (app, codes) = await Api.EnableTotpAsync(session.AccessToken, Factory.Clock);
        var code = app.NextCode();
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);
        using var login = await Api.LoginMfaAsync(mfaToken, code: code);
        using var withRecovery = await Api.LoginMfaAsync(await Api.LoginForMfaTokenAsync(Email), recoveryCode: codes[1]);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(withRecovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var secretBytes = OtpNet.Base32Encoding.ToBytes(app.Secret);
        var stored = await Database.ScalarAsync<byte[]>("select encrypted_secret from totp_authenticators");
        var logs = string.Join('\n', Factory.Logs.Lines);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Contains(stored!, secretBytes), Is.False, "the secret is encrypted at rest");
            Assert.That(stored!.Length, Is.GreaterThan(secretBytes.Length), "nonce and tag with the ciphertext");
            Assert.That(logs, Does.Not.Contain(app.Secret));
            Assert.That(logs, Does.Not.Contain(mfaToken));
            foreach (var recovery in codes)
            {
                Assert.That(logs, Does.Not.Contain(recovery));
                Assert.That(await Database.ScalarAsync<long>("select count(*) from recovery_codes where code_hash like '%' || @c || '%'", ("c", recovery.Replace("-", "", StringComparison.Ordinal))), Is.Zero);
            }

            Assert.That(await Database.ScalarAsync<long>("select count(*) from user_tokens where token_hash = @t", ("t", mfaToken)), Is.Zero, "mfaTokens are stored hashed");
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0;
}
