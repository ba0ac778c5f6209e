using AuthFlow.Application.Auth.Commands.SendVerificationEmail;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.SendVerificationEmail;

[TestFixture]
public sealed class SendVerificationEmailCommandHandlerTests
{
    private User _user = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IUserTokenRepository> _userTokens = null!;
    private Mock<IAccountEmails> _emails = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByEmailAsync("alice@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _userTokens = new Mock<IUserTokenRepository>();
        _emails = new Mock<IAccountEmails>();
        _unitOfWork = new Mock<IUnitOfWork>();
    }

    [Test]
    public async Task SendVerificationEmail_AfterTheCooldown_QueuesANewVerificationEmail()
    {
        LastSent(TestData.Now - TestData.ResendCooldown);

        var result = await Handle();

        Assert.That(result.IsSuccess, Is.True);
        _emails.Verify(e => e.QueueEmailVerification(_user, "new-one-time-token"), Times.Once);
        _userTokens.Verify(t => t.SupersedeUnusedAsync(_user.Id, UserTokenPurpose.EmailVerification, TestData.Now, It.IsAny<CancellationToken>()), Times.Once);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task SendVerificationEmail_WithinTheCooldown_SucceedsWithoutSending()
    {
        LastSent(TestData.Now - TestData.ResendCooldown + TimeSpan.FromSeconds(1));

        var result = await Handle();

        Assert.That(result.IsSuccess, Is.True);
        _emails.Verify(e => e.QueueEmailVerification(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SendVerificationEmail_ForAVerifiedAccount_SucceedsWithoutSending()
    {
        _user.VerifyEmail(TestData.Now.AddDays(-1));

        var result = await Handle();

        Assert.That(result.IsSuccess, Is.True);
        _emails.Verify(e => e.QueueEmailVerification(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task SendVerificationEmail_ForUnknownEmail_SucceedsWithoutSending()
    {
        var result = await Handle("nobody@example.com");

        Assert.That(result.IsSuccess, Is.True);
        _emails.Verify(e => e.QueueEmailVerification(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
    }

    private void LastSent(DateTimeOffset at) =>
        _userTokens.Setup(t => t.LastIssuedAtAsync(_user.Id, UserTokenPurpose.EmailVerification, It.IsAny<CancellationToken>())).ReturnsAsync(at);

    private ValueTask<Result<Unit>> Handle(string email = "alice@example.com")
    {
        var tokenService = TestData.CreateUserTokenService();
        var handler = new SendVerificationEmailCommandHandler(
            _users.Object,
            new OneTimeTokens(_userTokens.Object, tokenService.Object, _users.Object),
            _emails.Object,
            _unitOfWork.Object,
            TestData.AuditLog(),
            TestData.CreateClock());
        return handler.Handle(new SendVerificationEmailCommand(email), CancellationToken.None);
    }
}
