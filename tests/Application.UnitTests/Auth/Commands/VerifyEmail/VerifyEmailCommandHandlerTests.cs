using AuthFlow.Application.Auth.Commands.VerifyEmail;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.VerifyEmail;

[TestFixture]
public sealed class VerifyEmailCommandHandlerTests
{
    private User _user = null!;
    private UserToken _token = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IUserTokenRepository> _userTokens = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _token = TestData.IssueUserToken(_user.Id, UserTokenPurpose.EmailVerification, lifetime: TestData.VerificationTokenLifetime);
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByIdAsync(_user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _userTokens = new Mock<IUserTokenRepository>();
        _unitOfWork = new Mock<IUnitOfWork>();
        _userTokens.Setup(t => t.FindByHashAsync("hash:emailed-token", UserTokenPurpose.EmailVerification, It.IsAny<CancellationToken>())).ReturnsAsync(_token);
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    [Test]
    public async Task Verify_WithUsableToken_MarksTheEmailVerifiedAndConsumesTheToken()
    {
        var result = await Handle();

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_user.EmailVerifiedAt, Is.EqualTo(TestData.Now));
            Assert.That(_token.UsedAt, Is.EqualTo(TestData.Now));
        }
    }

    [Test]
    public async Task Verify_WithUnknownToken_ReturnsInvalidVerificationToken()
    {
        var result = await Handle("never-issued");

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidVerificationToken));
        Assert.That(_user.EmailVerified, Is.False);
    }

    [Test]
    public async Task Verify_WithUsedToken_ReturnsInvalidVerificationToken()
    {
        _token.Consume(TestData.Now.AddMinutes(-1));

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidVerificationToken));
        _unitOfWork.Verify(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Verify_WhenAConcurrentRequestRedeemedTheTokenFirst_ReturnsInvalidVerificationToken()
    {
        _unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await Handle();

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidVerificationToken));
    }

    private ValueTask<Result<Unit>> Handle(string token = "emailed-token") =>
        new VerifyEmailCommandHandler(
            _unitOfWork.Object,
            new OneTimeTokens(_userTokens.Object, TestData.CreateUserTokenService().Object, _users.Object),
            _users.Object,
            new PlainConfusableSkeleton(),
            TestData.AuditLog(),
            TestData.CreateClock()).Handle(new VerifyEmailCommand(token), CancellationToken.None);
}
