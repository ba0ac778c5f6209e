using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Login;

[TestFixture]
public sealed class LoginCommandHandlerTests
{
    private User _user = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private Mock<ITokenService> _tokenService = null!;
    private Mock<ISignInPolicy> _signInPolicy = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser(email: "Alice@Example.com");
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByEmailAsync("alice@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _refreshTokens = new Mock<IRefreshTokenRepository>();
        _unitOfWork = new Mock<IUnitOfWork>();
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.Verify(TestData.Password, TestData.PasswordHash)).Returns(true);
        _tokenService = TestData.CreateTokenService(newRefreshValue: "new-refresh-token");
        _signInPolicy = new Mock<ISignInPolicy>();
        _clock = TestData.CreateClock();
    }

    [Test]
    public async Task Login_WhenVerificationIsRequiredAndTheEmailIsUnverified_ReturnsEmailNotVerified()
    {
        _signInPolicy.SetupGet(p => p.RequireVerifiedEmail).Returns(true);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.EmailNotVerified));
        _refreshTokens.Verify(r => r.Add(It.IsAny<RefreshToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WhenVerificationIsRequiredAndThePasswordIsWrong_ReturnsInvalidCredentials()
    {
        _signInPolicy.SetupGet(p => p.RequireVerifiedEmail).Returns(true);

        var result = await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidCredentials), "an unverified account shows nothing to someone without its password");
    }

    [Test]
    public async Task Login_WhenVerificationIsRequiredAndTheEmailIsVerified_Succeeds()
    {
        _signInPolicy.SetupGet(p => p.RequireVerifiedEmail).Returns(true);
        _user.VerifyEmail(TestData.Now.AddDays(-1));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Login_WithUnknownEmail_ReturnsInvalidCredentials()
    {
        var result = await CreateHandler().Handle(Command(email: "nobody@example.com"), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidCredentials));
    }

    [Test]
    public async Task Login_WithUnknownEmail_SpendsADummyVerification()
    {
        await CreateHandler().Handle(Command(email: "nobody@example.com", password: "whatever it is"), CancellationToken.None);

        _passwordHasher.Verify(h => h.VerifyAgainstDummy("whatever it is"), Times.Once);
    }

    [Test]
    public async Task Login_WithUnknownEmail_IssuesNoToken()
    {
        await CreateHandler().Handle(Command(email: "nobody@example.com"), CancellationToken.None);

        _refreshTokens.Verify(r => r.Add(It.IsAny<RefreshToken>()), Times.Never);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WithWrongPassword_ReturnsInvalidCredentials()
    {
        var result = await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidCredentials));
    }

    [Test]
    public async Task Login_WithWrongPassword_SavesNoToken()
    {
        await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        _refreshTokens.Verify(r => r.Add(It.IsAny<RefreshToken>()), Times.Never);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never);
    }

    [Test]
    public async Task Login_WithWrongPassword_DoesNotRecordALogin()
    {
        await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        Assert.That(_user.LastLoginAt, Is.Null);
    }

    [Test]
    public async Task Login_WithWrongPassword_VerifiesAgainstTheStoredHash()
    {
        await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        _passwordHasher.Verify(h => h.Verify("not the password", TestData.PasswordHash), Times.Once);
        _passwordHasher.Verify(h => h.VerifyAgainstDummy(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task Login_WithDifferentlyCasedEmail_FindsTheUserByNormalizedEmail()
    {
        var result = await CreateHandler().Handle(Command(email: "  ALICE@example.COM "), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Login_WithValidCredentials_StoresRefreshTokenWithTheHashOfTheNewSecret()
    {
        var added = CaptureAddedToken();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(added, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(added[0].TokenHash, Is.EqualTo("hash:new-refresh-token"));
            Assert.That(added[0].UserId, Is.EqualTo(_user.Id));
            Assert.That(added[0].CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(added[0].ExpiresAt, Is.EqualTo(TestData.Now + TestData.RefreshTokenLifetime));
            Assert.That(added[0].IsActive(TestData.Now), Is.True);
        }
    }

    [Test]
    public async Task Login_WithValidCredentials_SavesChangesOnce()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Login_WithValidCredentials_RecordsTheLoginTime()
    {
        _clock.Advance(TimeSpan.FromMinutes(7));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_user.LastLoginAt, Is.EqualTo(TestData.Now.AddMinutes(7)));
    }

    [Test]
    public async Task Login_WithValidCredentials_SavesTheTokenAndLoginTimeTogether()
    {
        var added = CaptureAddedToken();
        var tokensAddedWhenSaved = -1;
        DateTimeOffset? lastLoginWhenSaved = null;
        _unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                tokensAddedWhenSaved = added.Count;
                lastLoginWhenSaved = _user.LastLoginAt;
            })
            .Returns(Task.CompletedTask);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tokensAddedWhenSaved, Is.EqualTo(1));
            Assert.That(lastLoginWhenSaved, Is.EqualTo(TestData.Now));
        }
    }

    [Test]
    public async Task Login_WithValidCredentials_CreatesAccessTokenForTheStoredSession()
    {
        var added = CaptureAddedToken();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(added, Has.Count.EqualTo(1));
        _tokenService.Verify(s => s.CreateAccessToken(_user, added[0].SessionId, TestData.Now), Times.Once);
    }

    [Test]
    public async Task Login_WithValidCredentials_ReturnsTheTokenValuesAndLifetime()
    {
        var added = CaptureAddedToken();

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.Tokens.AccessToken, Is.EqualTo(TestData.AccessTokenValue(_user.Id, added[0].SessionId)));
            Assert.That(result.Value.Tokens.RefreshToken, Is.EqualTo("new-refresh-token"));
            Assert.That(result.Value.Tokens.ExpiresIn, Is.EqualTo(TestData.AccessTokenLifetimeSeconds));
        }
    }

    [Test]
    public async Task Login_WithValidCredentials_ReturnsTheMappedUser()
    {
        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.User.Id, Is.EqualTo(_user.Id));
            Assert.That(result.Value.User.Username, Is.EqualTo(_user.Username));
            Assert.That(result.Value.User.Email, Is.EqualTo("Alice@Example.com"));
            Assert.That(result.Value.User.CreatedAt, Is.EqualTo(_user.CreatedAt));
        }
    }

    [Test]
    public async Task Login_TwiceWithValidCredentials_StartsTwoSessions()
    {
        var added = CaptureAddedToken();
        var handler = CreateHandler();

        await handler.Handle(Command(), CancellationToken.None);
        await handler.Handle(Command(), CancellationToken.None);

        Assert.That(added.Select(t => t.SessionId).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Login_Always_PassesTheCancellationTokenOn()
    {
        using var cancellation = new CancellationTokenSource();

        await CreateHandler().Handle(Command(), cancellation.Token);

        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), cancellation.Token), Times.Once);
        _unitOfWork.Verify(u => u.SaveChangesAsync(cancellation.Token), Times.Once);
    }

    private List<RefreshToken> CaptureAddedToken()
    {
        var added = new List<RefreshToken>();
        _refreshTokens.Setup(r => r.Add(It.IsAny<RefreshToken>())).Callback((RefreshToken token) => added.Add(token));
        return added;
    }

    private static LoginCommand Command(string email = "alice@example.com", string password = TestData.Password) =>
        new(email, password);

    private LoginCommandHandler CreateHandler() =>
        new(_users.Object, _refreshTokens.Object, _unitOfWork.Object, _passwordHasher.Object, _tokenService.Object, _signInPolicy.Object, _clock, TestData.CreateMapper());
}
