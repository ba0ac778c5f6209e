using System.Net;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Account;

/// <summary>
/// Passkeys through HTTP and the Fido2 library, driven by a software authenticator (an ECDsa P-256 key producing real
/// attestation and assertion data): registration, sign-in without a password, the second step of a login, deletion.
/// </summary>
public sealed class PasskeyTests : ApiTestBase
{
    private const string Email = "alice@example.com";

    private SoftwareAuthenticator _authenticator = null!;

    [SetUp]
    public void CreateAuthenticator() => _authenticator = new SoftwareAuthenticator(TestSettings.PasskeyRelyingPartyId, TestSettings.PasskeyOrigin);

    [TearDown]
    public void DisposeAuthenticator() => _authenticator.Dispose();

    [Test]
    public async Task RegisterPasskey_AsTheFirstFactor_ReturnsRecoveryCodes_ListsIt_AndLoginThenNeedsASecondFactor()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        using var optionsResponse = await Api.PasskeyRegistrationOptionsAsync(session.AccessToken);
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();

        using var response = await Api.RegisterPasskeyAsync(session.AccessToken, challengeId, "laptop", _authenticator.Create(options));

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options["rp"]!["id"]!.GetValue<string>(), Is.EqualTo(TestSettings.PasskeyRelyingPartyId));
            Assert.That(_authenticator.UserHandle, Is.EqualTo(session.UserId.ToByteArray()), "the user handle is the user id, nothing more");
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("laptop"));
            Assert.That(AccountClient.RecoveryCodes(body), Has.Count.EqualTo(10));
        }

        using var status = await Api.MfaStatusAsync(session.AccessToken);
        var listed = await status.ReadJsonAsync();
        using var login = await Api.LoginAsync(Email);
        var loginBody = await login.ReadJsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(listed["factors"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("passkey"));
            Assert.That(listed["factors"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("laptop"));
            Assert.That(loginBody["mfaRequired"]!.GetValue<bool>(), Is.True);
            Assert.That(loginBody["methods"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EquivalentTo(new[] { "passkey", "recovery_code" }));
        }
    }

    [Test]
    public async Task RegisterPasskey_WithAChallengeUsedBefore_Returns400()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        using var optionsResponse = await Api.PasskeyRegistrationOptionsAsync(session.AccessToken);
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        var credential = _authenticator.Create(options);
        using var first = await Api.RegisterPasskeyAsync(session.AccessToken, challengeId, "laptop", credential);
        var withOtp = await SignInAsync();

        using var again = await Api.RegisterPasskeyAsync(withOtp.AccessToken, challengeId, "phone", credential);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "passkey_registration_failed");
    }

    [Test]
    public async Task RegisterPasskey_FromAnotherOrigin_Returns400()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        using var optionsResponse = await Api.PasskeyRegistrationOptionsAsync(session.AccessToken);
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        _authenticator.Origin = "https://evil.example";

        using var response = await Api.RegisterPasskeyAsync(session.AccessToken, challengeId, "laptop", _authenticator.Create(options));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "passkey_registration_failed");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from passkeys"), Is.Zero);
    }

    [Test]
    public async Task PasskeyLogin_WithoutAPassword_ReturnsTokensWhoseAmrIsHwk()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);

        using var response = await Api.SignInWithPasskeyAsync(_authenticator);

        var signedIn = await response.ReadSessionAsync();
        Assert.That(signedIn.UserId, Is.EqualTo(session.UserId));
        Assert.That(AccountClient.Amr(signedIn.AccessToken), Is.EqualTo(new[] { "hwk" }));
        using var refresh = await Api.RefreshAsync(signedIn.RefreshToken);
        Assert.That(AccountClient.Amr((await refresh.ReadJsonAsync())["accessToken"]!.GetValue<string>()), Is.EqualTo(new[] { "hwk" }));
        Assert.That(await Database.ScalarAsync<long>("select sign_count from passkeys"), Is.EqualTo(1));
    }

    [Test]
    public async Task PasskeyLogin_ReplayingAnAssertion_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);
        using var optionsResponse = await Api.PasskeyLoginOptionsAsync();
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        var assertion = _authenticator.Get(options);
        using var first = await Api.PasskeyLoginAsync(challengeId, assertion);

        using var replay = await Api.PasskeyLoginAsync(challengeId, assertion);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_passkey");
    }

    [Test]
    public async Task PasskeyLogin_WithACounterThatWentBack_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);
        using (var first = await Api.SignInWithPasskeyAsync(_authenticator))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        _authenticator.Counter = 0; // a cloned authenticator would say 1 again

        using var cloned = await Api.SignInWithPasskeyAsync(_authenticator);

        await cloned.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_passkey");
    }

    [Test]
    public async Task PasskeyLogin_SignedByAnotherKeyUnderTheSameCredentialId_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);
        using var impostor = new SoftwareAuthenticator(TestSettings.PasskeyRelyingPartyId, TestSettings.PasskeyOrigin)
        {
            CredentialId = _authenticator.CredentialId,
            UserHandle = _authenticator.UserHandle,
            Counter = 10,
        };

        using var response = await Api.SignInWithPasskeyAsync(impostor);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_passkey");
    }

    [Test]
    public async Task PasskeyLogin_FromAnotherOrigin_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);
        _authenticator.Origin = "https://evil.example";

        using var response = await Api.SignInWithPasskeyAsync(_authenticator);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_passkey");
    }

    [Test]
    public async Task LoginMfa_WithAPasskey_ReturnsTokensWhoseAmrIsPwdHwk()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator);

        var withPasskey = await SignInAsync();

        Assert.That(AccountClient.Amr(withPasskey.AccessToken), Is.EqualTo(new[] { "pwd", "hwk" }));
        using var refused = await Api.ChangePasswordAsync(session.AccessToken, AuthFlowClient.DefaultPassword, "another new passphrase");
        using var change = await Api.ChangePasswordAsync(withPasskey.AccessToken, AuthFlowClient.DefaultPassword, "a brand new passphrase");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "mfa_required");
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "a passkey login is a step-up");
    }

    [Test]
    public async Task LoginMfa_WithSomeoneElsesPasskey_Returns401()
    {
        var alice = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(alice.AccessToken, _authenticator);
        using (var registered = await Api.RegisterAsync("bob@example.com", username: "bob"))
        {
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var bob = await Api.LoginSessionAsync("bob@example.com");
        using var bobsKey = new SoftwareAuthenticator(TestSettings.PasskeyRelyingPartyId, TestSettings.PasskeyOrigin);
        await Api.AddPasskeyAsync(bob.AccessToken, bobsKey);

        var mfaToken = await Api.LoginForMfaTokenAsync(Email);
        using var optionsResponse = await Api.PasskeyLoginOptionsAsync();
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        using var response = await Api.LoginMfaWithPasskeyAsync(mfaToken, challengeId, bobsKey.Get(options));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_passkey");
    }

    [Test]
    public async Task DeletePasskey_ByName_TheLastOne_TurnsMfaOffAndEndsOtherSessions()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator, name: "my laptop");
        var withPasskey = await SignInAsync();

        using var unknown = await Api.DeletePasskeyAsync(withPasskey.AccessToken, "phone");
        using var wrongPassword = await Api.DeletePasskeyAsync(withPasskey.AccessToken, "my laptop", "not the password at all");
        using var response = await Api.DeletePasskeyAsync(withPasskey.AccessToken, "my laptop");

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "passkey_not_found");
        await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_password");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "other sessions end");
            Assert.That(await Api.ProfileStatusAsync(withPasskey.AccessToken), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from recovery_codes"), Is.Zero);
        }

        using var login = await Api.LoginAsync(Email);
        Assert.That((await login.ReadJsonAsync())["accessToken"], Is.Not.Null);
    }

    [Test]
    public async Task RegisterPasskey_WithANameAlreadyUsed_Returns409()
    {
        var session = await Api.SignUpAndLoginAsync(Email);
        await Api.AddPasskeyAsync(session.AccessToken, _authenticator, name: "laptop");
        var withPasskey = await SignInAsync();
        using var second = new SoftwareAuthenticator(TestSettings.PasskeyRelyingPartyId, TestSettings.PasskeyOrigin);
        using var optionsResponse = await Api.PasskeyRegistrationOptionsAsync(withPasskey.AccessToken);
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();

        using var response = await Api.RegisterPasskeyAsync(withPasskey.AccessToken, challengeId, "Laptop", second.Create(options));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "passkey_name_taken");
    }

    [Test]
    public async Task Passkeys_WithoutARelyingParty_Answer409()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?> { ["Passkeys:RelyingPartyId"] = "" });
        using var api = new AuthFlowClient(factory.CreateClient());

        using var response = await api.PasskeyLoginOptionsAsync();

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "passkeys_unavailable");
    }

    /// <summary>Logs in with the password and the passkey; returns the session (amr pwd, hwk).</summary>
    private async Task<Session> SignInAsync()
    {
        var mfaToken = await Api.LoginForMfaTokenAsync(Email);
        using var optionsResponse = await Api.PasskeyLoginOptionsAsync();
        var (challengeId, options) = await optionsResponse.ReadOptionsAsync();
        using var response = await Api.LoginMfaWithPasskeyAsync(mfaToken, challengeId, _authenticator.Get(options));
        return await response.ReadSessionAsync();
    }
}
