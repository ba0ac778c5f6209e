using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Auth;

public sealed class LogoutTests : ApiTestBase
{
    [Test]
    public async Task Logout_WithoutBody_EndsTheSessionOfTheAccessToken()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.LogoutAsync(session.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var refresh = await Api.RefreshAsync(session.RefreshToken);
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(await Database.ScalarAsync<long>("select count(*) from sessions where revocation_reason = 'Logout'"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from refresh_tokens where revocation_reason = 'SessionEnded'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Logout_WithRefreshToken_EndsItsSession()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.LogoutAsync(session.AccessToken, session.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var refresh = await Api.RefreshAsync(session.RefreshToken);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Logout_AfterRotation_EndsTheCurrentRefreshTokenToo()
    {
        var session = await Api.SignUpAndLoginAsync();
        using var rotated = await Api.RefreshAsync(session.RefreshToken);
        var current = (await rotated.ReadJsonAsync())["refreshToken"]!.GetValue<string>();

        using var response = await Api.LogoutAsync(session.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var refresh = await Api.RefreshAsync(current);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Logout_LeavesTheUsersOtherSessionsWorking()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");

        using var response = await Api.LogoutAsync(laptop.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var phoneRefresh = await Api.RefreshAsync(phone.RefreshToken);
        Assert.That(phoneRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Logout_WithAnotherUsersRefreshToken_DoesNotEndTheirSession()
    {
        var alice = await Api.SignUpAndLoginAsync("alice@example.com");
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");

        using var response = await Api.LogoutAsync(alice.AccessToken, bob.RefreshToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var bobRefresh = await Api.RefreshAsync(bob.RefreshToken);
        Assert.That(bobRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Logout_Twice_RefusesTheSecondCallBecauseItsAccessTokenEnded()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var first = await Api.LogoutAsync(session.AccessToken);
        using var second = await Api.LogoutAsync(session.AccessToken);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await second.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task Logout_OfAnAlreadyEndedSessionByRefreshToken_StillAnswers204()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");
        var tablet = await Api.LoginSessionAsync("alice@example.com");
        using var first = await Api.LogoutAsync(phone.AccessToken, tablet.RefreshToken);

        using var again = await Api.LogoutAsync(laptop.AccessToken, tablet.RefreshToken);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Logout_RejectsTheAccessTokenAtOnce()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.LogoutAsync(session.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var profile = await Api.GetAsync("/api/profile", session.AccessToken);
        await profile.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task Logout_WithScopeAll_EndsEverySessionOfTheCaller()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");

        using var response = await Api.LogoutAsync(laptop.AccessToken, scope: "all");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        foreach (var ended in new[] { laptop, phone })
        {
            Assert.That(await Api.ProfileStatusAsync(ended.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
            using var refresh = await Api.RefreshAsync(ended.RefreshToken);
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(await Api.ProfileStatusAsync(bob.AccessToken), Is.EqualTo(HttpStatusCode.OK), "another user's session is untouched");
    }

    [Test]
    public async Task Logout_WithScopeOthers_KeepsOnlyTheCurrentSession()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");
        var tablet = await Api.LoginSessionAsync("alice@example.com");

        using var response = await Api.LogoutAsync(laptop.AccessToken, scope: "others");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Api.ProfileStatusAsync(laptop.AccessToken), Is.EqualTo(HttpStatusCode.OK));
        using var laptopRefresh = await Api.RefreshAsync(laptop.RefreshToken);
        Assert.That(laptopRefresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var ended in new[] { phone, tablet })
        {
            Assert.That(await Api.ProfileStatusAsync(ended.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task Logout_WithScopeCurrent_BehavesLikeNoScope()
    {
        var laptop = await Api.SignUpAndLoginAsync();
        var phone = await Api.LoginSessionAsync("alice@example.com");

        using var response = await Api.LogoutAsync(laptop.AccessToken, scope: "current");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Api.ProfileStatusAsync(laptop.AccessToken), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Api.ProfileStatusAsync(phone.AccessToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Logout_WithAnUnknownScope_Returns400AndEndsNothing()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.LogoutAsync(session.AccessToken, scope: "everything");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "scope" }));
        Assert.That(await Api.ProfileStatusAsync(session.AccessToken), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Logout_WithoutAccessToken_Returns401()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.PostRawAsync("/api/auth/logout", $$"""{"refreshToken":"{{session.RefreshToken}}"}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        using var refresh = await Api.RefreshAsync(session.RefreshToken);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing was revoked");
    }
}
