using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Logout;

[TestFixture]
public sealed class LogoutCommandHandlerTests
{
    private static readonly Guid CallerId = Guid.CreateVersion7();
    private static readonly Guid CallerSessionId = Guid.CreateVersion7();

    private Mock<ISessionRepository> _sessions = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<ITokenService> _tokenService = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _refreshTokens = new Mock<IRefreshTokenRepository>();
        _refreshTokens.Setup(r => r.FindByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((RefreshToken?)null);
        _sessions = new Mock<ISessionRepository>();
        _sessions
            .Setup(r => r.RevokeAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _tokenService = TestData.CreateTokenService();
        _clock = TestData.CreateClock();
    }

    [Test]
    public async Task Logout_WithoutRefreshToken_RevokesTheAccessTokenSession()
    {
        await CreateHandler().Handle(Command(refreshToken: null), CancellationToken.None);

        VerifyRevoked(CallerSessionId, Times.Once());
    }

    [Test]
    public async Task Logout_WithoutRefreshToken_RevokesNothingElse()
    {
        await CreateHandler().Handle(Command(refreshToken: null), CancellationToken.None);

        VerifyRevokedSessionCount(1);
        _refreshTokens.Verify(r => r.FindByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Logout_Always_Succeeds()
    {
        var result = await CreateHandler().Handle(Command(refreshToken: "unknown-token"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Logout_WithCallersRefreshTokenOfAnotherSession_RevokesThatSessionToo()
    {
        var otherSessionToken = Stored(TestData.IssueToken(userId: CallerId, tokenHash: "hash:other-session-token"));

        await CreateHandler().Handle(Command(refreshToken: "other-session-token"), CancellationToken.None);

        VerifyRevoked(CallerSessionId, Times.Once());
        VerifyRevoked(otherSessionToken.SessionId, Times.Once());
    }

    [Test]
    public async Task Logout_WithCallersRefreshTokenOfTheSameSession_RevokesItOnce()
    {
        var sameSessionToken = Stored(TestData.IssueToken(userId: CallerId, tokenHash: "hash:same-session-token"));

        await CreateHandler().Handle(Command(sessionId: sameSessionToken.SessionId, refreshToken: "same-session-token"), CancellationToken.None);

        VerifyRevoked(sameSessionToken.SessionId, Times.Once());
        VerifyRevokedSessionCount(1);
    }

    [Test]
    public async Task Logout_WithSomeoneElsesRefreshToken_IgnoresIt()
    {
        var strangersToken = Stored(TestData.IssueToken(userId: Guid.CreateVersion7(), tokenHash: "hash:strangers-token"));

        await CreateHandler().Handle(Command(refreshToken: "strangers-token"), CancellationToken.None);

        VerifyRevokedSessionCount(1);
        _sessions.Verify(
            r => r.RevokeAsync(It.IsAny<Guid>(), strangersToken.SessionId, It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
        _sessions.Verify(
            r => r.RevokeAsync(strangersToken.UserId, It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Test]
    public async Task Logout_WithUnknownRefreshToken_RevokesOnlyTheAccessTokenSession()
    {
        await CreateHandler().Handle(Command(refreshToken: "unknown-token"), CancellationToken.None);

        _refreshTokens.Verify(r => r.FindByHashAsync("hash:unknown-token", It.IsAny<CancellationToken>()), Times.Once);
        VerifyRevoked(CallerSessionId, Times.Once());
        VerifyRevokedSessionCount(1);
    }

    [Test]
    public async Task Logout_WithScopeAll_EndsEverySessionOfTheCaller()
    {
        await CreateHandler().Handle(Command(scope: LogoutScope.All), CancellationToken.None);

        _sessions.Verify(r => r.RevokeAllForUserAsync(CallerId, SessionRevocation.Logout, TestData.Now, null, It.IsAny<CancellationToken>()), Times.Once);
        VerifyRevokedSessionCount(0);
    }

    [Test]
    public async Task Logout_WithScopeOthers_EndsEverySessionButTheCurrentOne()
    {
        await CreateHandler().Handle(Command(scope: LogoutScope.Others), CancellationToken.None);

        _sessions.Verify(
            r => r.RevokeAllForUserAsync(CallerId, SessionRevocation.Logout, TestData.Now, CallerSessionId, It.IsAny<CancellationToken>()),
            Times.Once);
        VerifyRevokedSessionCount(0);
    }

    [Test]
    public async Task Logout_WithScopeCurrent_EndsOnlyTheAccessTokenSession()
    {
        await CreateHandler().Handle(Command(scope: LogoutScope.Current), CancellationToken.None);

        VerifyRevoked(CallerSessionId, Times.Once());
        _sessions.Verify(
            r => r.RevokeAllForUserAsync(It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    private RefreshToken Stored(RefreshToken token)
    {
        _refreshTokens.Setup(r => r.FindByHashAsync(token.TokenHash, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        return token;
    }

    private void VerifyRevoked(Guid sessionId, Times times) =>
        _sessions.Verify(
            r => r.RevokeAsync(CallerId, sessionId, SessionRevocation.Logout, TestData.Now, It.IsAny<CancellationToken>()),
            times);

    private void VerifyRevokedSessionCount(int count) =>
        _sessions.Verify(
            r => r.RevokeAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Exactly(count));

    private static LogoutCommand Command(Guid? userId = null, Guid? sessionId = null, string? refreshToken = null, string? scope = null) =>
        new(userId ?? CallerId, sessionId ?? CallerSessionId, refreshToken, scope);

    private LogoutCommandHandler CreateHandler() => new(_sessions.Object, _refreshTokens.Object, _tokenService.Object, TestData.AuditLog(), TestData.CreateUnitOfWork().Object, _clock);
}
