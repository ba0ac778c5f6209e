using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Auth.Common;
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
    private Mock<ISessionRepository> _sessions = null!;
    private Mock<IRefreshTokenRepository> _refreshTokens = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private Mock<ITokenService> _tokenService = null!;
    private FakePasswordHashingGate _gate = null!;
    private Mock<ILoginThrottle> _throttle = null!;
    private Mock<ISignInPolicy> _signInPolicy = null!;
    private FakeTimeProvider _clock = null!;
    private RecordingAuthMetrics _metrics = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser(email: "Alice@Example.com");
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByEmailAsync("alice@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _sessions = new Mock<ISessionRepository>();
        _refreshTokens = new Mock<IRefreshTokenRepository>();
        _unitOfWork = new Mock<IUnitOfWork>();
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.Verify(It.IsAny<string>(), It.IsAny<string>())).Returns(PasswordVerification.Failed);
        _passwordHasher.Setup(h => h.Verify(TestData.Password, TestData.PasswordHash)).Returns(PasswordVerification.Succeeded);
        _gate = new FakePasswordHashingGate();
        _throttle = new Mock<ILoginThrottle>();
        _tokenService = TestData.CreateTokenService(newRefreshValue: "new-refresh-token");
        _signInPolicy = new Mock<ISignInPolicy>();
        _clock = TestData.CreateClock();
        _metrics = new RecordingAuthMetrics();
    }

    [Test]
    public async Task Login_WithTheRightPassword_CountsOneSucceededLogin()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Logins, Is.EqualTo(new[] { LoginOutcome.Succeeded }));
    }

    [Test]
    public async Task Login_WithWrongPassword_CountsOneInvalidLogin()
    {
        await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        Assert.That(_metrics.Logins, Is.EqualTo(new[] { LoginOutcome.Invalid }));
    }

    [Test]
    public async Task Login_WhenTheGateIsFull_CountsOneBusyLogin()
    {
        _gate.IsOpen = false;

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Logins, Is.EqualTo(new[] { LoginOutcome.Busy }));
    }

    [Test]
    public async Task Login_WhenTheEmailIsThrottled_CountsOneThrottledLogin()
    {
        _throttle.Setup(t => t.TryCountAttemptAsync("alice@example.com", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TimeSpan?)TimeSpan.FromSeconds(30));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_metrics.Logins, Is.EqualTo(new[] { LoginOutcome.Throttled }));
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
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
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
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        _tokenService.Verify(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>()), Times.Never);
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

        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
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
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                tokensAddedWhenSaved = added.Count;
                lastLoginWhenSaved = _user.LastLoginAt;
            })
            .ReturnsAsync(true);

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
        _tokenService.Verify(s => s.CreateAccessToken(_user, added[0].SessionId, new[] { "pwd" }, TestData.Now), Times.Once);
    }

    [Test]
    public async Task Login_WithValidCredentials_ReturnsTheTokenValuesAndLifetime()
    {
        var added = CaptureAddedToken();

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.Tokens!.AccessToken, Is.EqualTo(TestData.AccessTokenValue(_user.Id, added[0].SessionId)));
            Assert.That(result.Value.Tokens!.RefreshToken, Is.EqualTo("new-refresh-token"));
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
    public async Task Login_WithValidCredentials_StartsASessionWithTheClientDetails()
    {
        var sessions = CaptureAddedSession();

        await CreateHandler().Handle(Command(ipAddress: "198.51.100.4", userAgent: "curl/8.5"), CancellationToken.None);

        var session = sessions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.UserId, Is.EqualTo(_user.Id));
            Assert.That(session.IpAddress, Is.EqualTo("198.51.100.4"));
            Assert.That(session.UserAgent, Is.EqualTo("curl/8.5"));
            Assert.That(session.CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(session.ExpiresAt, Is.EqualTo(TestData.Now + TestData.AbsoluteLifetime));
        }
    }

    [Test]
    public async Task Login_WithValidCredentials_IssuesTheRefreshTokenInTheNewSession()
    {
        var sessions = CaptureAddedSession();
        var tokens = CaptureAddedToken();

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(tokens.Single().SessionId, Is.EqualTo(sessions.Single().Id));
    }

    [Test]
    public async Task Login_WithWrongPassword_StartsNoSession()
    {
        _passwordHasher.Setup(h => h.Verify(It.IsAny<string>(), It.IsAny<string>())).Returns(PasswordVerification.Failed);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _sessions.Verify(r => r.Add(It.IsAny<Session>()), Times.Never);
    }

    [Test]
    public async Task Login_Always_PassesTheCancellationTokenOn()
    {
        using var cancellation = new CancellationTokenSource();

        await CreateHandler().Handle(Command(), cancellation.Token);

        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), cancellation.Token), Times.Once);
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Login_WhileTheEmailIsThrottled_ReturnsLoginThrottledWithTheRemainingWait()
    {
        _throttle.Setup(t => t.TryCountAttemptAsync("alice@example.com", TestData.Now, It.IsAny<CancellationToken>())).ReturnsAsync(TimeSpan.FromSeconds(42));

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error?.Code, Is.EqualTo("login_throttled"));
            Assert.That(result.Error?.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
        }
    }

    [TestCase("alice@example.com", TestData.Password)]
    [TestCase("alice@example.com", "not the password")]
    [TestCase("nobody@example.com", "whatever it is")]
    public async Task Login_Always_HoldsNoHashingPermitDuringADatabaseCall(string email, string password)
    {
        var permitsHeldAtTheDatabase = new List<int>();
        _throttle.Setup(t => t.TryCountAttemptAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => permitsHeldAtTheDatabase.Add(_gate.PermitsHeld)).ReturnsAsync((TimeSpan?)null);
        _throttle.Setup(t => t.ResetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback(() => permitsHeldAtTheDatabase.Add(_gate.PermitsHeld)).Returns(Task.CompletedTask);
        _users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback(() => permitsHeldAtTheDatabase.Add(_gate.PermitsHeld))
            .ReturnsAsync((string normalized, CancellationToken _) => normalized == "alice@example.com" ? _user : null);
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => permitsHeldAtTheDatabase.Add(_gate.PermitsHeld)).ReturnsAsync(true);

        await CreateHandler().Handle(Command(email: email, password: password), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(permitsHeldAtTheDatabase, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(permitsHeldAtTheDatabase, Is.All.Zero, "a hung database must not keep a permit, or the requests queued behind it");
            Assert.That(_gate.Entries, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Login_WithWrongPassword_CountsTheAttemptBeforeHashing()
    {
        var countedWhenHashed = new List<bool>();
        var counted = false;
        _throttle.Setup(t => t.TryCountAttemptAsync("alice@example.com", TestData.Now, It.IsAny<CancellationToken>()))
            .Callback(() => counted = true).ReturnsAsync((TimeSpan?)null);
        _passwordHasher.Setup(h => h.Verify(It.IsAny<string>(), It.IsAny<string>()))
            .Callback(() => countedWhenHashed.Add(counted)).Returns(PasswordVerification.Failed);

        var result = await CreateHandler().Handle(Command(password: "not the password"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidCredentials));
            Assert.That(countedWhenHashed, Is.EqualTo(new[] { true }));
        }

        _throttle.Verify(t => t.UncountAttemptAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WhenTheGateRefusesAfterTheLookup_ReturnsBusyAndTakesTheAttemptBack()
    {
        _gate.IsOpen = false;
        _gate.Admitting = true;

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.Busy));
        _passwordHasher.VerifyNoOtherCalls();
        _throttle.Verify(t => t.TryCountAttemptAsync("alice@example.com", TestData.Now, It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.UncountAttemptAsync("alice@example.com", It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.ResetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WhenAResetChangedThePasswordMeanwhile_ReturnsInvalidCredentials()
    {
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidCredentials));
    }

    [Test]
    public async Task Login_WhileTheEmailIsThrottled_NeitherLooksUpNorHashes()
    {
        _throttle.Setup(t => t.TryCountAttemptAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(TimeSpan.FromSeconds(1));

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _passwordHasher.VerifyNoOtherCalls();
        _throttle.Verify(t => t.RecordFailureAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("nobody@example.com")]
    [TestCase("alice@example.com")]
    public async Task Login_WithAFailure_CountsItAgainstTheNormalizedEmail(string email)
    {
        await CreateHandler().Handle(Command(email: email.ToUpperInvariant(), password: "not the password"), CancellationToken.None);

        _throttle.Verify(t => t.TryCountAttemptAsync(email, TestData.Now, It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.UncountAttemptAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.ResetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WithValidCredentials_ResetsTheFailureCount()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        _throttle.Verify(t => t.ResetAsync("alice@example.com", It.IsAny<CancellationToken>()), Times.Once);
        _throttle.Verify(t => t.RecordFailureAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Login_WhenTheHashingGateIsFull_ReturnsBusyWithoutLookingUpHashingOrCounting()
    {
        _gate.IsOpen = false;

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.Busy));
        _throttle.Verify(t => t.GetRemainingBlockAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _throttle.Verify(t => t.TryCountAttemptAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.Verify(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _passwordHasher.VerifyNoOtherCalls();
        _throttle.Verify(t => t.RecordFailureAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("alice@example.com")]
    [TestCase("nobody@example.com")]
    public async Task Login_Always_HashesOnlyWhileHoldingAPermitAndReleasesIt(string email)
    {
        var heldDuringHashing = new List<int>();
        _passwordHasher.Setup(h => h.Verify(It.IsAny<string>(), It.IsAny<string>()))
            .Callback(() => heldDuringHashing.Add(_gate.PermitsHeld)).Returns(PasswordVerification.Failed);
        _passwordHasher.Setup(h => h.VerifyAgainstDummy(It.IsAny<string>())).Callback(() => heldDuringHashing.Add(_gate.PermitsHeld));

        await CreateHandler().Handle(Command(email: email), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(heldDuringHashing, Is.EqualTo(new[] { 1 }));
            Assert.That(_gate.PermitsHeld, Is.Zero);
        }
    }

    [Test]
    public async Task Login_WhenTheHashIsOfAnOlderSchemeOrCost_StoresANewHashOfTheSamePassword()
    {
        _passwordHasher.Setup(h => h.Verify(TestData.Password, TestData.PasswordHash)).Returns(PasswordVerification.SucceededRehashNeeded);
        _passwordHasher.Setup(h => h.Hash(TestData.Password)).Returns("new-hash");

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(_user.PasswordHash, Is.EqualTo("new-hash"));
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Login_WhenTheHashIsCurrent_KeepsIt()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(_user.PasswordHash, Is.EqualTo(TestData.PasswordHash));
        _passwordHasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
    }

    private List<RefreshToken> CaptureAddedToken()
    {
        var added = new List<RefreshToken>();
        _refreshTokens.Setup(r => r.Add(It.IsAny<RefreshToken>())).Callback((RefreshToken token) => added.Add(token));
        return added;
    }

    private List<Session> CaptureAddedSession()
    {
        var added = new List<Session>();
        _sessions.Setup(r => r.Add(It.IsAny<Session>())).Callback((Session session) => added.Add(session));
        return added;
    }

    private static LoginCommand Command(
        string email = "alice@example.com",
        string password = TestData.Password,
        string? ipAddress = "198.51.100.4",
        string? userAgent = "curl/8.5") =>
        new(email, password, ipAddress, userAgent);

    private LoginCommandHandler CreateHandler() =>
        new(
            _users.Object, _sessions.Object, _refreshTokens.Object, _unitOfWork.Object, _passwordHasher.Object, _gate, _throttle.Object,
            _tokenService.Object, TestData.CreateSessionPolicy().Object, _signInPolicy.Object, new Mock<ISecondFactorRepository>().Object,
            new OneTimeTokens(new Mock<IUserTokenRepository>().Object, TestData.CreateUserTokenService().Object, _users.Object),
            TestData.AuditLog(),
            _clock, TestData.CreateMapper(), _metrics);
}
