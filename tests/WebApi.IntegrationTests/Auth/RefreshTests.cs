using System.Net;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

public sealed class RefreshTests : ApiTestBase
{
    /// <summary><c>Sessions:RefreshReuseGraceSeconds</c> by default.</summary>
    private static readonly TimeSpan GraceWindow = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Refresh_ReturnsNewAccessAndRotatedRefreshToken()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.RefreshAsync(session.RefreshToken);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var newRefresh = body["refreshToken"]!.GetValue<string>();
        var newAccess = body["accessToken"]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["tokenType"]!.GetValue<string>(), Is.EqualTo("Bearer"));
            Assert.That(body["expiresIn"]!.GetValue<int>(), Is.EqualTo(900));
            Assert.That(newRefresh, Is.Not.EqualTo(session.RefreshToken));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        }

        using var profile = await Api.GetAsync("/api/profile", newAccess);
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_KeepsTheSessionOfTheLogin()
    {
        var session = await Api.SignUpAndLoginAsync();
        var sid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(session.AccessToken).GetClaim("sid").Value;

        using var response = await Api.RefreshAsync(session.RefreshToken);

        var access = (await response.ReadJsonAsync())["accessToken"]!.GetValue<string>();
        Assert.That(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(access).GetClaim("sid").Value, Is.EqualTo(sid));
        Assert.That(await Database.ScalarAsync<long>("select count(distinct session_id) from refresh_tokens"), Is.EqualTo(1));
    }

    [Test]
    public async Task Refresh_ChainOfRotations_EachTokenWorksExactlyOnce()
    {
        var session = await Api.SignUpAndLoginAsync();
        var token = session.RefreshToken;

        for (var i = 0; i < 5; i++)
        {
            using var response = await Api.RefreshAsync(token);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            token = (await response.ReadJsonAsync())["refreshToken"]!.GetValue<string>();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(6));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revoked_at is null"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revocation_reason = 'Rotated' and replaced_by_token_id is not null"), Is.EqualTo(5));
        }
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_Returns401RevokesTheSessionAndRejectsItsAccessToken()
    {
        var session = await Api.SignUpAndLoginAsync();
        using var first = await Api.RefreshAsync(session.RefreshToken);
        // The legitimate client moves on: its successor is used, so the rotated token is no longer a retry.
        using var second = await Api.RefreshAsync((await first.ReadJsonAsync())["refreshToken"]!.GetValue<string>());
        var body = await second.ReadJsonAsync();
        var successor = body["refreshToken"]!.GetValue<string>();
        var successorAccess = body["accessToken"]!.GetValue<string>();
        Factory.Clock.Advance(GraceWindow + TimeSpan.FromSeconds(1));

        using var replay = await Api.RefreshAsync(session.RefreshToken);
        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");

        // The legitimate holder's successor is gone too: the attacker and the user both have to log in again.
        using var afterTheft = await Api.RefreshAsync(successor);
        await afterTheft.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        using var profile = await Api.GetAsync("/api/profile", successorAccess);
        await profile.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(await Database.ScalarAsync<string>("select revocation_reason from sessions"), Is.EqualTo("ReuseDetected"));
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_ReturnsTheSameSuccessor()
    {
        var session = await Api.SignUpAndLoginAsync();
        using var first = await Api.RefreshAsync(session.RefreshToken);
        var successor = (await first.ReadJsonAsync())["refreshToken"]!.GetValue<string>();
        Factory.Clock.Advance(GraceWindow - TimeSpan.FromSeconds(1));

        using var retry = await Api.RefreshAsync(session.RefreshToken);

        var body = await retry.ReadJsonAsync();
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["refreshToken"]!.GetValue<string>(), Is.EqualTo(successor));
        using var next = await Api.RefreshAsync(successor);
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the shared successor works");
    }

    [Test]
    public async Task Refresh_RetriedAfterTheGraceWindowWhenTheResponseWasLost_GetsTheSameSuccessorAndStaysSignedIn()
    {
        var session = await Api.SignUpAndLoginAsync();
        // The rotation commits, but its response never reaches the client.
        using (var lost = await Api.RefreshAsync(session.RefreshToken))
        {
            Assert.That(lost.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revocation_reason = 'Rotated'"), Is.EqualTo(1), "the rotation was committed");
        Factory.Clock.Advance(TimeSpan.FromHours(6));

        using var retry = await Api.RefreshAsync(session.RefreshToken);

        var body = await retry.ReadJsonAsync();
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(2), "the login's token and the one successor");
            Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions where revoked_at is null"), Is.EqualTo(1));
            Assert.That(await Api.ProfileStatusAsync(body["accessToken"]!.GetValue<string>()), Is.EqualTo(HttpStatusCode.OK));
        }

        // The retried successor is the one stored, and it goes on rotating; after that the old token is a theft again.
        using var next = await Api.RefreshAsync(body["refreshToken"]!.GetValue<string>());
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Factory.Clock.Advance(GraceWindow + TimeSpan.FromSeconds(1));
        using var replay = await Api.RefreshAsync(session.RefreshToken);
        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(await Database.ScalarAsync<string>("select revocation_reason from sessions"), Is.EqualTo("ReuseDetected"));
    }

    [Test]
    public async Task Refresh_TheftInOneSession_LeavesOtherSessionsAlone()
    {
        var stolen = await Api.SignUpAndLoginAsync();
        var other = await Api.LoginSessionAsync("alice@example.com");
        using var first = await Api.RefreshAsync(stolen.RefreshToken);
        using var moveOn = await Api.RefreshAsync((await first.ReadJsonAsync())["refreshToken"]!.GetValue<string>());
        Factory.Clock.Advance(GraceWindow + TimeSpan.FromSeconds(1));
        using var replay = await Api.RefreshAsync(stolen.RefreshToken);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var otherRefresh = await Api.RefreshAsync(other.RefreshToken);

        Assert.That(otherRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Api.ProfileStatusAsync(other.AccessToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_TwentyConcurrentRefreshesOfOneToken_AllGetTheSameSuccessorAndTheSessionLives()
    {
        var session = await Api.SignUpAndLoginAsync();

        var (statuses, bodies) = await RefreshInParallelAsync(session.RefreshToken, 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.OK), string.Join("\n", bodies));
            Assert.That(bodies.Select(b => JsonNode.Parse(b)?["refreshToken"]?.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens"), Is.EqualTo(2), "the login's token and exactly one successor");
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where replaced_by_token_id is not null"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions where revoked_at is null"), Is.EqualTo(1));
        }

        var successor = JsonNode.Parse(bodies[0])!["refreshToken"]!.GetValue<string>();
        var access = JsonNode.Parse(bodies[^1])!["accessToken"]!.GetValue<string>();
        using var next = await Api.RefreshAsync(successor);
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Api.ProfileStatusAsync(access), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_TwentyConcurrentReplaysAfterTheGraceWindow_AllGet401AndTheSessionEnds()
    {
        var session = await Api.SignUpAndLoginAsync();
        using var first = await Api.RefreshAsync(session.RefreshToken);
        using var moveOn = await Api.RefreshAsync((await first.ReadJsonAsync())["refreshToken"]!.GetValue<string>());
        var access = (await moveOn.ReadJsonAsync())["accessToken"]!.GetValue<string>();
        Factory.Clock.Advance(GraceWindow + TimeSpan.FromSeconds(1));

        var (statuses, _) = await RefreshInParallelAsync(session.RefreshToken, 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Database.ScalarAsync<string>("select revocation_reason from sessions"), Is.EqualTo("ReuseDetected"));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revoked_at is null"), Is.Zero);
        }

        Assert.That(await Api.ProfileStatusAsync(access), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Refresh_RecordsTheUseOfTheSession()
    {
        var session = await Api.SignUpAndLoginAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await Api.RefreshAsync(session.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lastUsed = await Database.ScalarAsync<DateTime>("select last_used_at from sessions");
        var created = await Database.ScalarAsync<DateTime>("select created_at from sessions");
        Assert.That(lastUsed - created, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Refresh_WithExpiredToken_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        using var response = await Api.RefreshAsync(session.RefreshToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_JustBeforeExpiry_Succeeds()
    {
        var session = await Api.SignUpAndLoginAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));

        using var response = await Api.RefreshAsync(session.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_WithAnAccessToken_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.RefreshAsync(session.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_WithUnknownToken_Returns401()
    {
        using var response = await Api.RefreshAsync("this-token-was-never-issued");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_WithoutToken_Returns400()
    {
        using var response = await Api.PostRawAsync("/api/auth/refresh", "{}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "refreshToken" }));
    }

    /// <summary>Sends <paramref name="count"/> refreshes of one token at once, as many tabs would.</summary>
    private async Task<(HttpStatusCode[] Statuses, string[] Bodies)> RefreshInParallelAsync(string refreshToken, int count)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Api.RefreshAsync(refreshToken)));
        try
        {
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
            return (responses.Select(r => r.StatusCode).ToArray(), bodies);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
