using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Audit;

/// <summary>What the audit trail records through the real pipeline, what it never records, and who may read it.</summary>
public sealed class AuditTrailTests : ApiTestBase
{
    [Test]
    public async Task Login_RecordsSuccessWithClient_AndAFailureOfAnUnknownEmailOnlyAsAnHmac()
    {
        var alice = await Api.SignUpAndLoginAsync();
        using (await Api.LoginAsync("alice@example.com", "the wrong password entirely")) { }
        using (await Api.LoginAsync("Nobody@Example.com", "the wrong password entirely")) { }

        var events = (await ReadTrailAsync()).Select(e => e!).ToList();
        var unknown = events.Single(e => e["type"]!.GetValue<string>() == "login.failed" && e["subject_user_id"] is null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Count(e => e["type"]!.GetValue<string>() == "login.succeeded" && e["subject_user_id"]!.GetValue<Guid>() == alice.UserId), Is.EqualTo(1));
            Assert.That(events.Count(e => e["type"]!.GetValue<string>() == "login.failed" && e["subject_user_id"]?.GetValue<Guid>() == alice.UserId), Is.EqualTo(1));
            Assert.That(unknown["details"]!["emailHmac"]!.GetValue<string>(), Has.Length.EqualTo(43), "HMAC-SHA256 in base64url");
            Assert.That(unknown["outcome"]!.GetValue<string>(), Is.EqualTo("Failure"));
            Assert.That(unknown["actor"]!.GetValue<string>(), Is.EqualTo("system"));
            Assert.That(string.Join('\n', events.Select(e => e.ToJsonString())), Does.Not.Contain("nobody").IgnoreCase);
        }
    }

    [Test]
    public async Task AccountActivity_ShowsTheCallersOwnLoginsWithUserAgent_AndNothingOfOthers()
    {
        await Api.RegisterUserAsync("bob@example.com", "bobby");
        using (await Api.LoginAsync("bob@example.com")) { }
        await Api.RegisterUserAsync("alice@example.com", "alice");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = "alice@example.com", password = AuthFlowClient.DefaultPassword }),
        };
        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse("Phone/2.0"));
        using var login = await Api.Http.SendAsync(request);
        var token = (await login.ReadJsonAsync())["accessToken"]!.GetValue<string>();

        using var response = await Api.GetAsync("/api/account/activity", token);
        var body = await response.ReadJsonAsync();

        var events = body["events"]!.AsArray().Select(e => e!).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(events.Select(e => e["type"]!.GetValue<string>()), Is.EqualTo(new[] { "login.succeeded" }), "user.registered is not activity; bob's login is not alice's");
            Assert.That(events[0]["userAgent"]!.GetValue<string>(), Is.EqualTo("Phone/2.0"));
            Assert.That(body["nextCursor"], Is.Null);
        }
    }

    [Test]
    public async Task AuditList_FiltersByTypePrefixAndSubject_NewestFirst_InKeysetPages()
    {
        var admin = await Api.SignUpAdminAsync(Factory);
        var alice = await Api.RegisterUserAsync("alice@example.com", "alice");
        for (var i = 0; i < 3; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            using (await Api.LoginAsync("alice@example.com")) { }
        }

        var first = await GetAsync($"/api/admin/audit?subject={alice}&type=login.&limit=2", admin.AccessToken);
        var second = await GetAsync($"/api/admin/audit?subject={alice}&type=login.&limit=2&cursor={first["nextCursor"]}", admin.AccessToken);

        var times = first["events"]!.AsArray().Concat(second["events"]!.AsArray())
            .Select(e => e!["occurredAt"]!.GetValue<DateTimeOffset>()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(times, Has.Count.EqualTo(3));
            Assert.That(times, Is.Ordered.Descending);
            Assert.That(second["nextCursor"], Is.Null);
        }
    }

    [Test]
    public async Task AFailedRegistration_LeavesNoEvent_ItsChangeRolledBack()
    {
        await Api.RegisterUserAsync("alice@example.com", "alice");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var again = await Api.RegisterAsync("alice@example.com", username: "alice2");
        }));

        Assert.That(await Database.ScalarAsync<long>("select count(*) from audit_events where type = 'user.registered'"), Is.EqualTo(1));
    }

    [Test]
    public async Task UnitOfWorkTransaction_CommitsTheEventWithTheChange_OrNeither()
    {
        var alice = await Api.RegisterUserAsync("alice@example.com", "alice");

        await ChangeAndAuditAsync(alice, commit: false);
        var afterRollback = (Events: await CountAsync("user.disabled"), Disabled: await DisabledAsync(alice));
        await ChangeAndAuditAsync(alice, commit: true);
        var afterCommit = (Events: await CountAsync("user.disabled"), Disabled: await DisabledAsync(alice));

        Assert.That(afterRollback, Is.EqualTo((0L, false)));
        Assert.That(afterCommit, Is.EqualTo((1L, true)));
    }

    [Test]
    public async Task AFailedLogin_IsRecorded_EvenWhenTheClientHangsUpWhileItsPasswordIsChecked()
    {
        var hasher = new BlockingHasher();
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, configureServices: hasher.Decorate);
        var api = new AuthFlowClient(factory.CreateClient());
        await api.RegisterUserAsync("alice@example.com", "alice");

        hasher.BlockNext();
        using var hangUp = new CancellationTokenSource();
        var login = api.Http.PostAsJsonAsync("/api/auth/login", new { email = "alice@example.com", password = "a wrong password" }, hangUp.Token);
        await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        await hangUp.CancelAsync();
        Assert.That(async () => await login, Throws.InstanceOf<OperationCanceledException>());
        hasher.Release();

        var recorded = false;
        for (var until = DateTime.UtcNow.AddSeconds(10); !recorded && DateTime.UtcNow < until; await Task.Delay(20))
        {
            recorded = await CountAsync("login.failed") == 1;
        }

        Assert.That(recorded, Is.True, "the failed login was not recorded");
    }

    [Test]
    public async Task NoAuditRow_HoldsAPasswordTokenHashLinkOrEmail()
    {
        const string password = "correct horse battery staple";
        var alice = await Api.SignUpAndLoginAsync("alice@example.com", password);
        using (await Api.LoginAsync("alice@example.com", "Tr0ub4dor&3 wrong one")) { }
        using (await Api.LoginAsync("stranger@example.org", "Tr0ub4dor&3 wrong one")) { }
        using var refreshed = await Api.RefreshAsync(alice.RefreshToken);
        var rotated = (await refreshed.ReadJsonAsync())["refreshToken"]!.GetValue<string>();
        // The successor is used, so replaying the first token after the grace window is theft, not a retry (ADR 0004).
        using (await Api.RefreshAsync(rotated)) { }
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (await Api.RefreshAsync(alice.RefreshToken)) { }
        var verifyToken = (await Mail.WaitForAsync("alice@example.com"))[0].LinkToken();
        using (await Api.VerifyEmailAsync(verifyToken)) { }
        Mail.Clear();
        using (await Api.ForgotPasswordAsync("alice@example.com")) { }
        var resetMail = (await Mail.WaitForAsync("alice@example.com")).Single();
        using (await Api.ResetPasswordAsync(resetMail.LinkToken(), "another long passphrase")) { }
        var hash = await Database.ScalarAsync<string>("select password_hash from users");

        var trail = await Database.ScalarAsync<string>("select string_agg(a::text, E'\\n') from audit_events a");

        Assert.That(trail, Does.Contain("password.reset").And.Contain("refresh.reuse_detected").And.Contain("email.verified"), "the flows were audited");
        string[] secrets =
        [
            password, "Tr0ub4dor", "another long passphrase", alice.AccessToken, alice.RefreshToken, rotated, verifyToken,
            resetMail.LinkToken(), resetMail.Link(), hash!, "alice@example.com", "stranger", "alice",
        ];
        foreach (var secret in secrets)
        {
            Assert.That(trail, Does.Not.Contain(secret).IgnoreCase);
        }
    }

    [Test]
    public async Task AccountActivity_Anonymous_Answers401()
    {
        using var response = await Api.GetAsync("/api/account/activity", accessToken: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private async Task ChangeAndAuditAsync(Guid userId, bool commit)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
        var auditLog = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        var user = await users.FindByIdAsync(userId, CancellationToken.None);
        user!.Disable(DateTimeOffset.UtcNow);
        auditLog.Add(new AuditEntry("user.disabled", userId));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
    }

    private Task<long> CountAsync(string type) =>
        Database.ScalarAsync<long>("select count(*) from audit_events where type = @type", ("type", type));

    private async Task<bool> DisabledAsync(Guid userId) =>
        await Database.ScalarAsync<bool>("select disabled_at is not null from users where id = @id", ("id", userId));

    private async Task<JsonArray> ReadTrailAsync() =>
        JsonNode.Parse(await Database.ScalarAsync<string>("select coalesce(json_agg(a order by id), '[]')::text from audit_events a") ?? "[]")!.AsArray();

    private async Task<JsonObject> GetAsync(string path, string accessToken)
    {
        using var response = await Api.GetAsync(path, accessToken);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body;
    }
}
