using AuthFlow.Application.Auth.Commands.ResetPassword;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ResetPassword;

[TestFixture]
public sealed class ResetPasswordCommandHandlerTests
{
    private const string NewPassword = "a brand new passphrase";

    private User _user = null!;
    private UserToken _token = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IUserTokenRepository> _userTokens = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private Mock<ISessionRepository> _sessions = null!;
    private Mock<IPasswordPolicy> _policy = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private FakePasswordHashingGate _gate = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _token = TestData.IssueUserToken(_user.Id, value: "emailed-token");
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByIdAsync(_user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _userTokens = new Mock<IUserTokenRepository>();
        _unitOfWork = new Mock<IUnitOfWork>();
        _userTokens.Setup(t => t.FindByHashAsync("hash:emailed-token", UserTokenPurpose.PasswordReset, It.IsAny<CancellationToken>())).ReturnsAsync(_token);
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _sessions = new Mock<ISessionRepository>();
        _policy = new Mock<IPasswordPolicy>();
        _policy.Setup(p => p.Check(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<string?>())).Returns([]);
        _gate = new FakePasswordHashingGate();
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.Hash(It.IsAny<string>())).Returns((string password) => "bcrypt:" + password);
    }

    [Test]
    public async Task Reset_WithUsableToken_SetsTheNewHashAndConsumesTheToken()
    {
        var result = await Handle();

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_user.PasswordHash, Is.EqualTo("bcrypt:" + NewPassword));
            Assert.That(_token.UsedAt, Is.EqualTo(TestData.Now));
        }
    }

    [Test]
    public async Task Reset_WithUsableToken_RevokesEverySessionOfTheUser()
    {
        await Handle();

        // Before the new hash is stored, and again after it, for logins that verified the old password meanwhile.
        _sessions.Verify(r => r.RevokeAllForUserAsync(_user.Id, SessionRevocation.PasswordReset, TestData.Now, null, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Reset_WithUsableToken_RevokesSessionsBeforeAndAfterStoringThePassword()
    {
        var order = new List<string>();
        _sessions.Setup(r => r.RevokeAllForUserAsync(It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("revoke")).ReturnsAsync(1);
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => order.Add("save")).ReturnsAsync(true);

        await Handle();

        Assert.That(order, Is.EqualTo(new[] { "revoke", "save", "revoke" }));
    }

    [Test]
    public async Task Reset_WithUnknownToken_ReturnsInvalidResetTokenAndChangesNothing()
    {
        var result = await Handle(token: "never-issued");

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidResetToken));
        AssertNothingChanged();
    }

    [Test]
    public async Task Reset_WithExpiredToken_ReturnsInvalidResetTokenAndChangesNothing()
    {
        _token = TestData.IssueUserToken(_user.Id, issuedAt: TestData.Now - TestData.ResetTokenLifetime);
        _userTokens.Setup(t => t.FindByHashAsync("hash:emailed-token", UserTokenPurpose.PasswordReset, It.IsAny<CancellationToken>())).ReturnsAsync(_token);

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidResetToken));
        AssertNothingChanged();
    }

    [Test]
    public async Task Reset_WithUsedToken_ReturnsInvalidResetTokenAndChangesNothing()
    {
        _token.Consume(TestData.Now.AddMinutes(-1));

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidResetToken));
        AssertNothingChanged();
    }

    [Test]
    public async Task Reset_WhenAConcurrentRequestRedeemedTheTokenFirst_ReturnsInvalidResetToken()
    {
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidResetToken));
    }

    [Test]
    public async Task Reset_WithPasswordBuiltFromTheAccountsEmail_ReturnsValidationFailedAndChangesNothing()
    {
        _policy.Setup(p => p.Check(NewPassword, _user.Email, _user.Username)).Returns(["Password must not contain your email address."]);

        var result = await Handle();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Error?.Code, Is.EqualTo("validation_failed"));
            Assert.That(result.Error?.FieldErrors?["password"], Is.EqualTo(new[] { "Password must not contain your email address." }));
        }

        AssertNothingChanged();
    }

    [Test]
    public async Task Reset_WhenTheHashingGateIsFull_ReturnsBusyAndChangesNothing()
    {
        _gate.IsOpen = false;

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.Busy));
        AssertNothingChanged();
    }

    [Test]
    public async Task Reset_WithUsableToken_HashesInsideTheGate()
    {
        var heldDuringHashing = 0;
        _passwordHasher.Setup(h => h.Hash(It.IsAny<string>())).Callback(() => heldDuringHashing = _gate.PermitsHeld).Returns("hash");

        await Handle();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(heldDuringHashing, Is.EqualTo(1));
            Assert.That(_gate.PermitsHeld, Is.Zero);
        }
    }

    private void AssertNothingChanged()
    {
        Assert.That(_user.PasswordHash, Is.EqualTo(TestData.PasswordHash));
        _sessions.Verify(r => r.RevokeAllForUserAsync(It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<Guid?>(), It.IsAny<CancellationToken>()), Times.Never);
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        _passwordHasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
    }

    private ValueTask<Result<Unit>> Handle(string token = "emailed-token") =>
        new ResetPasswordCommandHandler(
            _unitOfWork.Object,
            _sessions.Object,
            new OneTimeTokens(_userTokens.Object, TestData.CreateUserTokenService().Object, _users.Object),
            _policy.Object,
            _passwordHasher.Object,
            _gate,
            TestData.AuditLog(),
            TestData.CreateClock()).Handle(new ResetPasswordCommand(token, NewPassword), CancellationToken.None);
}
