using System.Runtime.CompilerServices;
using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
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
    private Mock<IUserRepository> _users = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<ITokenService> _tokenService = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByIdAsync(_user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _refreshTokens = new Mock<IRefreshTokenRepository>();
        _refreshTokens.Setup(r => r.FindByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((RefreshToken?)null);
        _refreshTokens
            .Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);
        _refreshTokens
            .Setup(r => r.RevokeSessionAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<RefreshTokenRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(1);
        _tokenService = TestData.CreateTokenService(newRefreshValue: "successor-refresh-token");
        _clock = TestData.CreateClock();
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

        _refreshTokens.Verify(r => r.FindByHashAsync("hash:some-token", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Refresh_WithExpiredToken_ReturnsInvalidRefreshToken()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-2), lifetime: TimeSpan.FromDays(1)));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        Assert.That(current.IsRevoked, Is.False);
    }

    [Test]
    public async Task Refresh_AtTheExactExpiry_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-1), lifetime: TimeSpan.FromDays(1)));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithExpiredToken_NeitherRevokesTheSessionNorRotates()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash, issuedAt: TestData.Now.AddDays(-2), lifetime: TimeSpan.FromDays(1)));

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
    public async Task Refresh_WithAlreadyRotatedToken_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.RotatedToken(_user.Id, PresentedHash));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WithAlreadyRotatedToken_RevokesTheWholeSessionAsReuse()
    {
        var replayed = Stored(TestData.RotatedToken(_user.Id, PresentedHash));
        _clock.Advance(TimeSpan.FromSeconds(42));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _refreshTokens.Verify(
            r => r.RevokeSessionAsync(_user.Id, replayed.SessionId, RefreshTokenRevocation.ReuseDetected, TestData.Now.AddSeconds(42), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task Refresh_WithRotatedTokenReplayedAfterItsExpiry_StillRevokesTheSession()
    {
        var replayed = Stored(TestData.RotatedToken(_user.Id, PresentedHash));
        _clock.Advance(TestData.RefreshTokenLifetime + TimeSpan.FromDays(1));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        _refreshTokens.Verify(
            r => r.RevokeSessionAsync(_user.Id, replayed.SessionId, RefreshTokenRevocation.ReuseDetected, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task Refresh_WithAlreadyRotatedToken_IssuesNoNewTokens()
    {
        Stored(TestData.RotatedToken(_user.Id, PresentedHash));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoRotation();
        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Refresh_WhenTheUserNoLongerExists_ReturnsInvalidRefreshToken()
    {
        var current = Stored(TestData.IssueToken(userId: Guid.CreateVersion7(), tokenHash: PresentedHash));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
        Assert.That(current.IsRevoked, Is.False);
        VerifyNoRotation();
    }

    [Test]
    public async Task Refresh_WhenAConcurrentRequestRotatedFirst_ReturnsInvalidRefreshToken()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash));
        LoseTheRotationRace();

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task Refresh_WhenAConcurrentRequestRotatedFirst_RevokesTheSessionAsReuse()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));
        LoseTheRotationRace();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _refreshTokens.Verify(
            r => r.RevokeSessionAsync(_user.Id, current.SessionId, RefreshTokenRevocation.ReuseDetected, TestData.Now, It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Test]
    public async Task Refresh_WhenAConcurrentRequestRotatedFirst_CreatesNoAccessToken()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash));
        LoseTheRotationRace();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Refresh_WithActiveToken_ReturnsANewTokenPair()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.AccessToken, Is.EqualTo(TestData.AccessTokenValue(_user.Id, current.SessionId)));
            Assert.That(result.Value.RefreshToken, Is.EqualTo("successor-refresh-token"));
            Assert.That(result.Value.ExpiresIn, Is.EqualTo(TestData.AccessTokenLifetimeSeconds));
        }
    }

    [Test]
    public async Task Refresh_WithActiveToken_StoresASuccessorInTheSameSession()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));
        var successor = CaptureSuccessor();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(successor.Value, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.Value!.SessionId, Is.EqualTo(current.SessionId));
            Assert.That(successor.Value.UserId, Is.EqualTo(_user.Id));
            Assert.That(successor.Value.TokenHash, Is.EqualTo("hash:successor-refresh-token"));
            Assert.That(successor.Value.ExpiresAt, Is.EqualTo(TestData.Now + TestData.RefreshTokenLifetime));
            Assert.That(successor.Value.IsActive(TestData.Now), Is.True);
        }
    }

    [Test]
    public async Task Refresh_WithActiveToken_RevokesThePresentedTokenAsRotated()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));
        var successor = CaptureSuccessor();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(current.RevokedAt, Is.EqualTo(TestData.Now));
            Assert.That(current.RevocationReason, Is.EqualTo(RefreshTokenRevocation.Rotated));
            Assert.That(current.ReplacedByTokenId, Is.EqualTo(successor.Value?.Id));
        }
    }

    [Test]
    public async Task Refresh_WithActiveToken_PassesThePresentedTokenToTheRotation()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _refreshTokens.Verify(r => r.TryRotateAsync(current, It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Refresh_WithActiveToken_CreatesAccessTokenForTheSameSession()
    {
        var current = Stored(TestData.IssueToken(_user.Id, PresentedHash));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _tokenService.Verify(s => s.CreateAccessToken(_user, current.SessionId, TestData.Now), Times.Once);
    }

    [Test]
    public async Task Refresh_WithActiveToken_DoesNotRevokeTheSession()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        VerifyNoSessionRevoked();
    }

    [Test]
    public async Task Refresh_Always_PassesTheCancellationTokenOn()
    {
        Stored(TestData.IssueToken(_user.Id, PresentedHash));
        using var cancellation = new CancellationTokenSource();

        await CreateHandler().Handle(Command(), cancellation.Token);

        _refreshTokens.Verify(r => r.FindByHashAsync(It.IsAny<string>(), cancellation.Token), Times.Once);
        _users.Verify(u => u.FindByIdAsync(It.IsAny<Guid>(), cancellation.Token), Times.Once);
        _refreshTokens.Verify(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), cancellation.Token), Times.Once);
    }

    private RefreshToken Stored(RefreshToken token)
    {
        _refreshTokens.Setup(r => r.FindByHashAsync(token.TokenHash, It.IsAny<CancellationToken>())).ReturnsAsync(token);
        return token;
    }

    private void LoseTheRotationRace() =>
        _refreshTokens
            .Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);

    private StrongBox<RefreshToken?> CaptureSuccessor()
    {
        var successor = new StrongBox<RefreshToken?>();
        _refreshTokens
            .Setup(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()))
            .Callback((RefreshToken _, RefreshToken next, CancellationToken _) => successor.Value = next)
            .ReturnsAsync(true);
        return successor;
    }

    private void VerifyNoSessionRevoked() =>
        _refreshTokens.Verify(
            r => r.RevokeSessionAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<RefreshTokenRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()),
            Times.Never);

    private void VerifyNoRotation()
    {
        _refreshTokens.Verify(r => r.TryRotateAsync(It.IsAny<RefreshToken>(), It.IsAny<RefreshToken>(), It.IsAny<CancellationToken>()), Times.Never);
        _tokenService.Verify(s => s.CreateRefreshToken(), Times.Never);
    }

    private static RefreshTokenCommand Command(string refreshToken = PresentedToken) => new(refreshToken);

    private RefreshTokenCommandHandler CreateHandler() =>
        new(_users.Object, _refreshTokens.Object, _tokenService.Object, _clock, NullLogger<RefreshTokenCommandHandler>.Instance);
}
