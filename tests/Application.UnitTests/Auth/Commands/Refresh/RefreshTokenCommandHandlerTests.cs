using System.Runtime.CompilerServices;
using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Refresh;

[TestFixture]
public sealed class RefreshTokenCommandHandlerTests
{
    private const string PresentedToken = "current-refresh-token";
    private const string PresentedHash = "hash:" + PresentedToken;

    private User _user = null!;
    private Session _session = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<ISessionRepository> _sessions = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<ITokenService> _tokenService = null!;
    private Mock<IRefreshTokenSuccessors> _successors = null!;
    private FakeTimeProvider _clock = null!;
    private RecordingAuthMetrics _metrics = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _session = TestData.StartSession(_user.Id);
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByIdAsync(_user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _sessions = new Mock<ISessionRepository>();
        _sessions.Setup(r => r.FindByIdAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
        _sessions
            .Setup(r => r.RevokeAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _refreshTokens = new Mock<IRefreshTokenRepository>();
        _refreshTokens.Setup(r => r.FindByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((RefreshToken?)null);
        _refreshTokens
            .Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        // The handler reads token, session, user and successor in one query; these mocks act as the stored rows it joins.
        _refreshTokens
            .Setup(r => r.FindChainByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string hash, CancellationToken cancellationToken) => ReadChainAsync(hash, cancellationToken));
        _tokenService = TestData.CreateTokenService();
        _successors = new Mock<IRefreshTokenSuccessors>();
        _successors.Setup(s => s.Create(It.IsAny<string>())).Returns(new SuccessorToken("successor-refresh-token", "hash:successor-refresh-token", "fresh-salt"));
        _successors
            .Setup(s => s.Recreate(It.IsAny<string>(), It.IsAny<string>()))
            .Returns((string _, string salt) => new SuccessorToken("successor-of-rotated", "hash:successor-of-rotated", salt));
        _clock = TestData.CreateClock();
        _metrics = new RecordingAuthMetrics();
    }

    [Test]
    public async Task Refresh_WithUnknownToken_CountsOneExpiredRefresh()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Refreshes, Is.EqualTo(new[] { RefreshOutcome.Expired }));
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_CountsOneReuseDetected()
    {
        Stored(RotatedAgo(TimeSpan.FromHours(1)));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Refreshes, Is.EqualTo(new[] { RefreshOutcome.ReuseDetected }));
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_CountsOneGraceRefresh()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        StoredSuccessorOf(replayed);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Refreshes, Is.EqualTo(new[] { RefreshOutcome.Grace }));
    }

    [Test]
    public async Task Refresh_WithUnknownToken_ReturnsInvalidRefreshToken()
    {
        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_Always_LooksTheTokenUpByItsHash()
    {
        await CreateHandler().Handle(Command("some-token"), CancellationToken.None);

        _refreshTokens.Verify(r => r.FindChainByHashAsync("hash:some-token", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Refresh_WithExpiredToken_ReturnsInvalidRefreshToken()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-2), lifetime: TimeSpan.FromDays(1), session: _session));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        Assert.That(current.IsRevoked, Is.False);
    }

    [Test]
    public async Task Refresh_AtTheExactExpiry_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-1), lifetime: TimeSpan.FromDays(1), session: _session));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithExpiredToken_NeitherRevokesTheSessionNorRotates()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-2), lifetime: TimeSpan.FromDays(1), session: _session));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoSessionRevoked();
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WithTokenRevokedByLogout_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.RevokedByLogoutToken(_user.Id, PresentedHash));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithTokenRevokedByLogout_DoesNotTreatItAsReuse()
    {
        Stored(TestData.RevokedByLogoutToken(_user.Id, PresentedHash));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoSessionRevoked();
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_ReturnsInvalidRefreshToken()
    {
        Stored(RotatedAgo(TimeSpan.FromHours(1)));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_RevokesTheWholeSessionAsReuse()
    {
        Stored(RotatedAgo(TimeSpan.FromHours(1)));
        _clock.Advance(TimeSpan.FromSeconds(42));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _sessions.Verify(
            r => r.RevokeAsync(_user.Id, _session.Id, SessionRevocation.ReuseDetected, TestData.Now.AddSeconds(42), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task Refresh_WithRotatedTokenOneTickAfterTheGraceWindow_RevokesTheSession()
    {
        Stored(RotatedAgo(TestData.RefreshReuseGrace + TimeSpan.FromTicks(1)));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifySessionRevokedAsReuse(Times.Once());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenReplayedAfterItsExpiry_StillRevokesTheSession()
    {
        Stored(RotatedAgo(TimeSpan.FromHours(1)));
        _clock.Advance(TestData.RefreshTokenLifetime + TimeSpan.FromDays(1));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifySessionRevokedAsReuse(Times.Once());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_IssuesNoNewTokens()
    {
        Stored(RotatedAgo(TimeSpan.FromHours(1)));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoRotation();
        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Refresh_WithRotatedTokenLongAfterTheGraceWindow_WhenTheSuccessorWasNeverUsed_ReturnsTheSameSuccessor()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromHours(1)));
        StoredSuccessorOf(replayed);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True, result.Error?.Code);
        Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-of-rotated"));
        VerifyNoRotation();
        VerifySessionRevokedAsReuse(Times.Never());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenAfterTheGraceWindow_WhenTheSuccessorWasUsed_RevokesTheSessionAsReuse()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromHours(1)));
        var successor = StoredSuccessorOf(replayed);
        successor.Rotate("hash:next", "next-salt", TestData.Now.AddMinutes(-30), TestData.RefreshTokenLifetime);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifySessionRevokedAsReuse(Times.Once());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_ReturnsTheSameSuccessor()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        StoredSuccessorOf(replayed);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True, result.Error?.Code);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-of-rotated"));
            Assert.That(result.Value.AccessToken, Is.EqualTo(TestData.AccessTokenValue(_user.Id, _session.Id)));
        }

        _successors.Verify(s => s.Recreate(PresentedToken, "salt-of-rotation"), Times.Once);
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_NeitherRotatesNorRevokes()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        StoredSuccessorOf(replayed);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoRotation();
        VerifySessionRevokedAsReuse(Times.Never());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_WhenTheSuccessorMovedOn_ReturnsInvalidRefreshToken()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        var successor = StoredSuccessorOf(replayed);
        successor.Rotate("hash:next", "next-salt", TestData.Now.AddSeconds(-1), TestData.RefreshTokenLifetime);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifySessionRevokedAsReuse(Times.Never());
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_WhenTheDerivedHashDiffers_ReturnsInvalidRefreshToken()
    {
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        StoredSuccessorOf(replayed);
        _successors.Setup(s => s.Recreate(It.IsAny<string>(), It.IsAny<string>())).Returns(new SuccessorToken("other", "hash:other", "salt-of-rotation"));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithRotatedTokenWithinTheGraceWindow_WhenTheSessionEnded_ReturnsInvalidRefreshToken()
    {
        _session = TestData.RevokedSession(_user.Id);
        _sessions.Setup(r => r.FindByIdAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
        var replayed = Stored(RotatedAgo(TimeSpan.FromSeconds(3)));
        StoredSuccessorOf(replayed);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WhenTheUserNoLongerExists_ReturnsInvalidRefreshToken()
    {
        var stranger = TestData.StartSession(Guid.CreateVersion7());
        _sessions.Setup(r => r.FindByIdAsync(stranger.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stranger);
        var current = Stored(TestData.IssueToken(tokenHash: PresentedHash, session: stranger));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        Assert.That(current.IsRevoked, Is.False);
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WhenTheSessionIsMissing_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WhenTheSessionWasRevoked_ReturnsInvalidRefreshToken()
    {
        _session = TestData.RevokedSession(_user.Id);
        _sessions.Setup(r => r.FindByIdAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
        Stored(Active());

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_AfterTheIdleTimeout_ReturnsInvalidRefreshToken()
    {
        Stored(Active());
        _clock.SetUtcNow(_session.LastUsedAt + TestData.IdleTimeout);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_JustBeforeTheIdleTimeout_Succeeds()
    {
        Stored(Active());
        _clock.SetUtcNow(_session.LastUsedAt + TestData.IdleTimeout - TimeSpan.FromSeconds(1));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Refresh_AtTheAbsoluteExpiry_ReturnsInvalidRefreshToken()
    {
        _session = TestData.StartSession(_user.Id, startedAt: TestData.Now.AddHours(-2), absoluteLifetime: TimeSpan.FromHours(2));
        _sessions.Setup(r => r.FindByIdAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
        Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddMinutes(-1), session: _session));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WhenAConcurrentRequestRotatedFirst_ReturnsTheWinnersSuccessor()
    {
        var winner = LoseTheRotationRaceTo(rotatedAgo: TimeSpan.Zero);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True, result.Error?.Code);
        Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-of-rotated"));
        _successors.Verify(s => s.Recreate(PresentedToken, winner.SuccessorSalt!), Times.Once);
        VerifySessionRevokedAsReuse(Times.Never());
    }

    [Test]
    public async Task Refresh_WhenTheRaceWasLostToALogout_ReturnsInvalidRefreshTokenWithoutReuse()
    {
        var current = Active();
        var loggedOut = TestData.RevokedByLogoutToken(_user.Id, PresentedHash);
        _refreshTokens.SetupSequence(r => r.FindByHashAsync(PresentedHash, It.IsAny<CancellationToken>())).ReturnsAsync(current).ReturnsAsync(loggedOut);
        _refreshTokens.Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        VerifySessionRevokedAsReuse(Times.Never());
        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Refresh_WithActiveToken_ReturnsANewTokenPair()
    {
        Stored(Active());

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.AccessToken, Is.EqualTo(TestData.AccessTokenValue(_user.Id, _session.Id)));
            Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-refresh-token"));
            Assert.That(result.Value.ExpiresIn, Is.EqualTo(TestData.AccessTokenLifetimeSeconds));
        }
    }

    [Test]
    public async Task Refresh_WithActiveToken_DerivesTheSuccessorFromThePresentedToken()
    {
        Stored(Active());

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _successors.Verify(s => s.Create(PresentedToken), Times.Once);
    }

    [Test]
    public async Task Refresh_WithActiveToken_StoresASuccessorInTheSameSession()
    {
        Stored(Active());
        var successor = CaptureSuccessor();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(successor.Value, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.Value!.SessionId, Is.EqualTo(_session.Id));
            Assert.That(successor.Value.UserId, Is.EqualTo(_user.Id));
            Assert.That(successor.Value.TokenHash, Is.EqualTo("hash:successor-refresh-token"));
            Assert.That(successor.Value.ExpiresAt, Is.EqualTo(TestData.Now + TestData.RefreshTokenLifetime));
            Assert.That(successor.Value.IsActive(TestData.Now), Is.True);
        }
    }

    [Test]
    public async Task Refresh_NearTheSessionsAbsoluteExpiry_IssuesASuccessorThatEndsWithTheSession()
    {
        _session = TestData.StartSession(_user.Id, startedAt: TestData.Now.AddHours(-2), absoluteLifetime: TimeSpan.FromHours(3));
        _sessions.Setup(r => r.FindByIdAsync(_session.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_session);
        Stored(Active());
        var successor = CaptureSuccessor();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(successor.Value?.ExpiresAt, Is.EqualTo(_session.ExpiresAt));
    }

    [Test]
    public async Task Refresh_WithActiveToken_RevokesThePresentedTokenAsRotatedWithTheSalt()
    {
        var current = Stored(Active());
        var successor = CaptureSuccessor();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(current.RevokedAt, Is.EqualTo(TestData.Now));
            Assert.That(current.RevocationReason, Is.EqualTo(RefreshTokenRevocation.Rotated));
            Assert.That(current.ReplacedByTokenId, Is.EqualTo(successor.Value?.Id));
            Assert.That(current.SuccessorSalt, Is.EqualTo("fresh-salt"));
        }
    }

    [Test]
    public async Task Refresh_WithActiveToken_RecordsTheUseOfTheSession()
    {
        Stored(Active());

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_session.LastUsedAt, Is.EqualTo(TestData.Now));
    }

    [Test]
    public async Task Refresh_WithActiveToken_PassesThePresentedTokenToTheRotation()
    {
        var current = Stored(Active());

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _refreshTokens.Verify(r => r.TryRotateAsync(current, It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Refresh_WithActiveToken_CreatesAccessTokenForTheSameSession()
    {
        Stored(Active());

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _tokenService.Verify(s => s.CreateAccessToken(_user, _session.Id, _session.AuthenticationMethods, TestData.Now), Times.Once);
    }

    [Test]
    public async Task Refresh_WithActiveToken_DoesNotRevokeTheSession()
    {
        Stored(Active());

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoSessionRevoked();
    }

    [Test]
    public async Task Refresh_Always_PassesTheCancellationTokenOn()
    {
        Stored(Active());
        using var cancellation = new CancellationTokenSource();

        await CreateHandler().Handle(Command(), cancellation.Token);

        _refreshTokens.Verify(r => r.FindChainByHashAsync(It.IsAny<string>(), cancellation.Token), Times.Once);
        _refreshTokens.Verify(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Refresh_WhenTheStatementRotates_AnswersWithTheSuccessorWithoutReadingTheChain()
    {
        var rotated = StatementRotates();

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-refresh-token"));
            Assert.That(result.Value.AccessToken, Is.EqualTo(TestData.AccessTokenValue(rotated.Subject.UserId, rotated.SessionId)));
        }

        _refreshTokens.Verify(r => r.FindChainByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WhenTheStatementRotates_SignsTheSessionsSubjectAndMethods()
    {
        var rotated = StatementRotates();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _tokenService.Verify(s => s.CreateAccessToken(rotated.Subject, rotated.SessionId, rotated.AuthenticationMethods, TestData.Now), Times.Once);
    }

    [Test]
    public async Task Refresh_WhenTheStatementRotates_CountsOneRotatedRefresh()
    {
        StatementRotates();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Refreshes, Is.EqualTo(new[] { RefreshOutcome.Rotated }));
    }

    [Test]
    public async Task Refresh_Always_GivesTheStatementTheDomainsValues()
    {
        ActiveTokenRotation? passed = null;
        _refreshTokens
            .Setup(r => r.TryRotateActiveAsync(It.IsAny<ActiveTokenRotation>(), It.IsAny<CancellationToken>()))
            .Callback((ActiveTokenRotation rotation, CancellationToken _) => passed = rotation)
            .ReturnsAsync((RotatedSession?)null);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(passed!.TokenHash, Is.EqualTo(PresentedHash));
            Assert.That(passed.SuccessorHash, Is.EqualTo("hash:successor-refresh-token"));
            Assert.That(passed.SuccessorSalt, Is.EqualTo("fresh-salt"));
            Assert.That(passed.Now, Is.EqualTo(TestData.Now));
            Assert.That(passed.IdleTimeout, Is.EqualTo(TestData.IdleTimeout));
            Assert.That(passed.SuccessorLifetime, Is.EqualTo(TestData.RefreshTokenLifetime));
            Assert.That(passed.SuccessorId.Version, Is.EqualTo(7));
        }
    }

    [Test]
    public async Task Refresh_WhenTheStatementRotatesNothing_DecidesFromTheChainWithTheSameSuccessor()
    {
        Stored(Active());
        var successor = CaptureSuccessor();

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-refresh-token"));
        Assert.That(successor.Value!.TokenHash, Is.EqualTo("hash:successor-refresh-token"));
        _successors.Verify(s => s.Create(It.IsAny<string>()), Times.Once);
    }

    private RotatedSession StatementRotates()
    {
        var rotated = new RotatedSession(new AccessTokenSubject(_user.Id, _user.Email, ["admin"]), _session.Id, ["pwd", "otp"]);
        _refreshTokens
            .Setup(r => r.TryRotateActiveAsync(It.IsAny<ActiveTokenRotation>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(rotated);
        return rotated;
    }

    private async Task<RefreshTokenChain?> ReadChainAsync(string hash, CancellationToken cancellationToken)
    {
        var token = await _refreshTokens.Object.FindByHashAsync(hash, cancellationToken);
        if (token is null)
        {
            return null;
        }

        var session = await _sessions.Object.FindByIdAsync(token.SessionId, cancellationToken);
        var user = await _users.Object.FindByIdAsync(token.UserId, cancellationToken);
        var successor = token.ReplacedByTokenId is { } id ? await _refreshTokens.Object.FindByIdAsync(id, cancellationToken) : null;
        return new RefreshTokenChain(token, session, user, successor);
    }

    private RefreshToken Active() => TestData.IssueToken(_user.Id, PresentedHash, session: _session);

    private RefreshToken RotatedAgo(TimeSpan ago) => TestData.RotatedToken(_user.Id, PresentedHash, TestData.Now - ago, _session);

    private RefreshToken Stored(RefreshToken token)
    {
        _refreshTokens.Setup(r => r.FindByHashAsync(token.TokenHash, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        return token;
    }

    /// <summary>The successor row of <paramref name="rotated"/>, as <see cref="TestData.RotatedToken"/> derived it.</summary>
    private RefreshToken StoredSuccessorOf(RefreshToken rotated)
    {
        var successor = TestData.IssueToken(_user.Id, "hash:successor-of-rotated", issuedAt: rotated.RevokedAt, session: _session);
        _refreshTokens.Setup(r => r.FindByIdAsync(rotated.ReplacedByTokenId!.Value, It.IsAny<CancellationToken>())).ReturnsAsync(successor);
        return successor;
    }

    /// <summary>The presented token is active when read, but another request commits its rotation first.</summary>
    private RefreshToken LoseTheRotationRaceTo(TimeSpan rotatedAgo)
    {
        var winner = RotatedAgo(rotatedAgo);
        StoredSuccessorOf(winner);
        _refreshTokens.SetupSequence(r => r.FindByHashAsync(PresentedHash, It.IsAny<CancellationToken>())).ReturnsAsync(Active()).ReturnsAsync(winner);
        _refreshTokens.Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        return winner;
    }

    private StrongBox<RefreshToken?> CaptureSuccessor()
    {
        var successor = new StrongBox<RefreshToken?>();
        _refreshTokens
            .Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()))
            .Callback((RefreshToken _, RefreshToken next, CancellationToken _) => successor.Value = next)
            .ReturnsAsync(true);
        return successor;
    }

    private void VerifySessionRevokedAsReuse(Times times) =>
        _sessions.Verify(
            r => r.RevokeAsync(_user.Id, _session.Id, SessionRevocation.ReuseDetected, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            times);

    private void VerifyNoSessionRevoked() =>
        _sessions.Verify(
            r => r.RevokeAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);

    /// <summary>
    /// Nothing stored: the one-statement rotation (these mocks' default) rotated nothing, and no rotation was stored after
    /// the chain was read. The successor's secret is derived before the statement, which needs its hash, so its derivation
    /// alone stores nothing.
    /// </summary>
    private void VerifyNoRotation() =>
        _refreshTokens.Verify(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Never);

    private static RefreshTokenCommand Command(string refreshToken = PresentedToken) => new(refreshToken);

    private RefreshTokenCommandHandler CreateHandler() =>
        new(
            _refreshTokens.Object, _sessions.Object, _tokenService.Object, _successors.Object,
            TestData.CreateSessionPolicy().Object, TestData.AuditLog(), TestData.CreateUnitOfWork().Object, _clock, _metrics,
            NullLogger<RefreshTokenCommandHandler>.Instance);
}
