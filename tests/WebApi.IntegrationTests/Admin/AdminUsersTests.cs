using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary>The admin API through the real pipeline and database, as an administrator and the affected user see it.</summary>
public sealed class AdminUsersTests : ApiTestBase
{
    private Session _admin = null!;

    [SetUp]
    public async Task SignUpAdminAsync() => _admin = await Api.SignUpAdminAsync(Factory);

    [Test]
    public async Task AccessToken_CarriesTheRolesClaimAsAnArray()
    {
        var member = await Api.SignUpAndLoginAsync("member@example.com");

        var adminRoles = new JsonWebToken(_admin.AccessToken).GetPayloadValue<string[]>("roles");
        var memberPayload = JsonNode.Parse(Base64UrlDecode(member.AccessToken.Split('.')[1]))!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adminRoles, Is.EqualTo(new[] { "admin" }));
            Assert.That(memberPayload["roles"], Is.InstanceOf<JsonArray>(), "always an array, empty when the user holds no role");
            Assert.That(memberPayload["roles"]!.AsArray(), Is.Empty);
        }
    }

    [Test]
    public async Task SearchUsers_ByEmailOrUsernamePrefix_IgnoresCase()
    {
        await Api.RegisterUserAsync("Bob.Smith@Example.com", "bobby");
        await Api.RegisterUserAsync("carol@example.com", "BOBCAT");
        await Api.RegisterUserAsync("dave@example.com", "dave");

        var found = await SearchAsync("?q=BOB");

        Assert.That(found.Select(u => u["email"]!.GetValue<string>()), Is.EqualTo(new[] { "Bob.Smith@Example.com", "carol@example.com" }));
    }

    [Test]
    public async Task SearchUsers_ByRoleAndStatus()
    {
        var support = await Api.RegisterUserAsync("support@example.com");
        var disabled = await Api.RegisterUserAsync("gone@example.com");
        await Api.RegisterUserAsync("plain@example.com");
        await Factory.GrantRoleAsync(support, "support");
        await Factory.GrantRoleAsync(disabled, "support");
        using (var disable = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{disabled}/disable", _admin.AccessToken))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var supporters = await SearchAsync("?role=support");
        var activeSupporters = await SearchAsync("?role=support&status=active");
        var disabledUsers = await SearchAsync("?status=disabled");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(supporters.Select(u => u["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { support, disabled }));
            Assert.That(activeSupporters.Select(u => u["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { support }));
            Assert.That(disabledUsers.Single()["status"]!.GetValue<string>(), Is.EqualTo("disabled"));
            Assert.That(supporters[0]["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "support" }));
        }
    }

    [Test]
    public async Task SearchUsers_KeysetPages_StayStableWhenUsersAreAddedBetweenPages()
    {
        for (var i = 0; i < 4; i++)
        {
            await Api.RegisterUserAsync($"user{i}@example.com");
        }

        var seen = new List<string>();
        var first = await SearchPageAsync("?q=user&limit=2");
        seen.AddRange(Emails(first));
        // Added between the pages: later in the order, so the walk meets them at the end, once.
        await Api.RegisterUserAsync("user4@example.com");
        await Api.RegisterUserAsync("user5@example.com");

        var cursor = first["nextCursor"]!.GetValue<string>();
        while (cursor is not null)
        {
            var page = await SearchPageAsync($"?q=user&limit=2&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Emails(page));
            cursor = page["nextCursor"]?.GetValue<string>()!;
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 6).Select(i => $"user{i}@example.com")));
    }

    [TestCase("?limit=0")]
    [TestCase("?limit=101")]
    [TestCase("?cursor=not-a-cursor")]
    [TestCase("?status=asleep")]
    [TestCase("?role=Not%20A%20Role")]
    public async Task SearchUsers_WithBadParameters_Answers400(string query)
    {
        using var response = await Api.GetAsync("/api/admin/users" + query, _admin.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Test]
    public async Task GetUser_ShowsRolesStatusVerificationDatesAndActiveSessions()
    {
        var member = await Api.SignUpAndLoginAsync("member@example.com");
        await Api.LoginSessionAsync("member@example.com");

        using var response = await Api.GetAsync($"/api/admin/users/{member.UserId}", _admin.AccessToken);
        var user = (await response.ReadJsonAsync())["user"]!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(user["email"]!.GetValue<string>(), Is.EqualTo("member@example.com"));
            Assert.That(user["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(user["emailVerified"]!.GetValue<bool>(), Is.False);
            Assert.That(user["roles"]!.AsArray(), Is.Empty);
            Assert.That(user["activeSessions"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(user["lastLoginAt"], Is.Not.Null);
            Assert.That(user["createdAt"], Is.Not.Null);
        }
    }

    [Test]
    public async Task GetUser_Unknown_Answers404UserNotFound()
    {
        using var response = await Api.GetAsync($"/api/admin/users/{Guid.CreateVersion7()}", _admin.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }

    [Test]
    public async Task DisableUser_EndsItsSessions_RefusesRefresh_AndLoginAnswers403OnlyAfterTheRightPassword()
    {
        var member = await Api.SignUpAndLoginAsync("member@example.com");

        using (var disable = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{member.UserId}/disable", _admin.AccessToken))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var wrongPassword = await Api.LoginAsync("member@example.com", "not the password at all");
        using var unknownEmail = await Api.LoginAsync("nobody@example.com", "not the password at all");
        var wrongBody = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownBody = await unknownEmail.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        wrongBody.Remove("traceId");
        unknownBody.Remove("traceId");
        Assert.That(wrongBody.ToJsonString(), Is.EqualTo(unknownBody.ToJsonString()), "a wrong password tells nothing about the account");

        using var rightPassword = await Api.LoginAsync("member@example.com");
        await rightPassword.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "account_disabled");
        using var refresh = await Api.RefreshAsync(member.RefreshToken);
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(await Api.ProfileStatusAsync(member.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "its access tokens are refused at once");
    }

    [Test]
    public async Task EnableUser_LetsTheAccountLogInAgain_AndBothAreIdempotent()
    {
        var member = await Api.RegisterUserAsync("member@example.com");
        for (var i = 0; i < 2; i++)
        {
            using var disable = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{member}/disable", _admin.AccessToken);
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        for (var i = 0; i < 2; i++)
        {
            using var enable = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{member}/enable", _admin.AccessToken);
            Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var login = await Api.LoginAsync("member@example.com");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CountAuditAsync("user.disabled", member), Is.EqualTo(1), "the second disable changed nothing");
        Assert.That(await CountAuditAsync("user.enabled", member), Is.EqualTo(1));
    }

    [Test]
    public async Task GrantRole_IsIdempotent_EndsSessions_AndTheNextLoginCarriesTheRole()
    {
        var member = await Api.SignUpAndLoginAsync("member@example.com");

        for (var i = 0; i < 2; i++)
        {
            using var grant = await Api.SendAsync(HttpMethod.Put, $"/api/admin/users/{member.UserId}/roles/support", _admin.AccessToken);
            Assert.That(grant.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await Api.ProfileStatusAsync(member.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized), "the old token is refused");
        using (var refresh = await Api.RefreshAsync(member.RefreshToken))
        {
            await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        }

        var again = await Api.LoginSessionAsync("member@example.com");
        Assert.That(new JsonWebToken(again.AccessToken).GetPayloadValue<string[]>("roles"), Is.EqualTo(new[] { "support" }));
        Assert.That(await CountAuditAsync("role.granted", member.UserId), Is.EqualTo(1));
    }

    [Test]
    public async Task RevokeRole_IsIdempotent_AndADemotedAdminLosesTheAdminApiAtOnce()
    {
        var second = await Api.SignUpAdminAsync(Factory, "second@example.com", "second");

        for (var i = 0; i < 2; i++)
        {
            using var revoke = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{second.UserId}/roles/admin", _admin.AccessToken);
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using (var old = await Api.GetAsync("/api/admin/users", second.AccessToken))
        {
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the demoted admin's token is refused");
        }

        var relogged = await Api.LoginSessionAsync("second@example.com");
        using var now = await Api.GetAsync("/api/admin/users", relogged.AccessToken);
        await now.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task LastActiveAdmin_CannotBeDemotedDisabledOrErased()
    {
        var disabledAdmin = await Api.SignUpAdminAsync(Factory, "old-admin@example.com", "oldadmin");
        using (var disable = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{disabledAdmin.UserId}/disable", _admin.AccessToken))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "one of two active admins may be disabled");
        }

        using var demote = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{_admin.UserId}/roles/admin", _admin.AccessToken);
        using var disableSelf = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{_admin.UserId}/disable", _admin.AccessToken);
        using var erase = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{_admin.UserId}", _admin.AccessToken);

        await demote.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        await disableSelf.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        await erase.ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        Assert.That(await Api.ProfileStatusAsync(_admin.AccessToken), Is.EqualTo(HttpStatusCode.OK), "nothing happened to the last admin");
        Assert.That(await CountAuditAsync("role.revoked", _admin.UserId) + await CountAuditAsync("user.disabled", _admin.UserId), Is.Zero);
    }

    [Test]
    public async Task EndUserSessions_EndsEverySessionOfTheAccount()
    {
        var laptop = await Api.SignUpAndLoginAsync("member@example.com");
        var phone = await Api.LoginSessionAsync("member@example.com");

        using var end = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{laptop.UserId}/sessions", _admin.AccessToken);

        Assert.That(end.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Api.ProfileStatusAsync(laptop.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Api.ProfileStatusAsync(phone.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Api.ProfileStatusAsync(_admin.AccessToken), Is.EqualTo(HttpStatusCode.OK), "the admin's own session is untouched");
    }

    [Test]
    public async Task AdminPasswordReset_MailsTheAccountALinkThatResetsThePassword()
    {
        var member = await Api.RegisterUserAsync("member@example.com");
        Mail.Clear();

        using var reset = await Api.SendAsync(HttpMethod.Post, $"/api/admin/users/{member}/password-reset", _admin.AccessToken);
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await reset.Content.ReadAsStringAsync(), Does.Not.Contain("token"), "the administrator never sees the link");

        var mails = await Mail.WaitForAsync("member@example.com", count: 2);
        var mail = mails.Single(m => m.Link().Contains("reset-password", StringComparison.Ordinal));
        using var done = await Api.ResetPasswordAsync(mail.LinkToken(), "a brand new passphrase here");
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var login = await Api.LoginAsync("member@example.com", "a brand new passphrase here");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DeleteUser_ErasesTheAccount_AndKeepsItsAuditEventsWithoutPersonalData()
    {
        var member = await Api.SignUpAndLoginAsync("erase.me@example.com");
        using (await Api.LoginAsync("erase.me@example.com", "a wrong password for the trail")) { }

        using var erase = await Api.SendAsync(HttpMethod.Delete, $"/api/admin/users/{member.UserId}", _admin.AccessToken);

        Assert.That(erase.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from users where id = @id", ("id", member.UserId)), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions where user_id = @id", ("id", member.UserId)), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("select count(*) from outbox_emails where lower(to_address) = 'erase.me@example.com'"), Is.Zero);
        Assert.That(await Api.ProfileStatusAsync(member.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        using (var login = await Api.LoginAsync("erase.me@example.com"))
        {
            await login.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var trail = await Database.ScalarAsync<string>(
            "select string_agg(a::text, E'\\n') from audit_events a where subject_user_id = @id", ("id", member.UserId));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trail, Does.Contain("user.registered").And.Contain("login.succeeded").And.Contain("login.failed").And.Contain("user.deleted"));
            Assert.That(trail, Does.Not.Contain("erase.me").IgnoreCase, "no email left");
            Assert.That(trail, Does.Not.Contain("alice").IgnoreCase, "no username left");
        }
    }

    private async Task<List<JsonNode>> SearchAsync(string query) =>
        (await SearchPageAsync(query))["users"]!.AsArray()
            .Select(u => u!).Where(u => u["id"]!.GetValue<Guid>() != _admin.UserId).ToList();

    private async Task<JsonObject> SearchPageAsync(string query)
    {
        using var response = await Api.GetAsync("/api/admin/users" + query, _admin.AccessToken);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body;
    }

    private static IEnumerable<string> Emails(JsonObject page) => page["users"]!.AsArray().Select(u => u!["email"]!.GetValue<string>());

    private Task<long> CountAuditAsync(string type, Guid subject) =>
        Database.ScalarAsync<long>("select count(*) from audit_events where type = @type and subject_user_id = @id", ("type", type), ("id", subject));

    private static string Base64UrlDecode(string value) =>
        System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(value));
}
