using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.SendPasswordReset;

[TestFixture]
public sealed class SendPasswordResetCommandHandlerTests
{
    private User _user = null!;
    private Mock<IUserRepository> _users = null!;
    private Mock<IUserTokenRepository> _userTokens = null!;
    private Mock<IAccountEmails> _emails = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser(email: "Alice@Example.com");
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindByEmailAsync("alice@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(_user);
        _userTokens = new Mock<IUserTokenRepository>();
        _emails = new Mock<IAccountEmails>();
        _unitOfWork = new Mock<IUnitOfWork>();
    }

    [Test]
    public async Task SendPasswordReset_ForAnAccount_IssuesAResetTokenThatExpiresIn30Minutes()
    {
        var result = await CreateHandler().Handle(new SendPasswordResetCommand(" ALICE@example.com "), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        _userTokens.Verify(t => t.Add(It.Is<UserToken>(token =>
            token.UserId == _user.Id
            && token.Purpose == UserTokenPurpose.PasswordReset
            && token.TokenHash == "hash:new-one-time-token"
            && token.ExpiresAt == TestData.Now + TestData.ResetTokenLifetime)), Times.Once);
    }

    [Test]
    public async Task SendPasswordReset_ForAnAccount_SupersedesEarlierResetTokens()
    {
        await CreateHandler().Handle(new SendPasswordResetCommand("alice@example.com"), CancellationToken.None);

        _userTokens.Verify(t => t.SupersedeUnusedAsync(_user.Id, UserTokenPurpose.PasswordReset, TestData.Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task SendPasswordReset_ForAnAccount_QueuesTheEmailAndSavesOnce()
    {
        await CreateHandler().Handle(new SendPasswordResetCommand("alice@example.com"), CancellationToken.None);

        _emails.Verify(e => e.QueuePasswordReset(_user, "new-one-time-token"), Times.Once);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task SendPasswordReset_WithinTheCooldownOfTheLastResetLink_SucceedsWithoutIssuingSupersedingOrSending()
    {
        LastSent(TestData.Now - TestData.ResendCooldown + TimeSpan.FromSeconds(1));

        var result = await CreateHandler().Handle(new SendPasswordResetCommand("alice@example.com"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        _userTokens.Verify(t => t.SupersedeUnusedAsync(It.IsAny<Guid>(), It.IsAny<UserTokenPurpose>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
        _userTokens.Verify(t => t.Add(It.IsAny<UserToken>()), Times.Never);
        _emails.Verify(e => e.QueuePasswordReset(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SendPasswordReset_AfterTheCooldownOfTheLastResetLink_SendsANewOne()
    {
        LastSent(TestData.Now - TestData.ResendCooldown);

        await CreateHandler().Handle(new SendPasswordResetCommand("alice@example.com"), CancellationToken.None);

        _emails.Verify(e => e.QueuePasswordReset(_user, "new-one-time-token"), Times.Once);
    }

    [Test]
    public async Task SendPasswordReset_ForUnknownEmail_SucceedsWithoutIssuingOrSending()
    {
        var result = await CreateHandler().Handle(new SendPasswordResetCommand("nobody@example.com"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        _userTokens.Verify(t => t.Add(It.IsAny<UserToken>()), Times.Never);
        _emails.Verify(e => e.QueuePasswordReset(It.IsAny<User>(), It.IsAny<string>()), Times.Never);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    private void LastSent(DateTimeOffset at) =>
        _userTokens.Setup(t => t.LastIssuedAtAsync(_user.Id, UserTokenPurpose.PasswordReset, It.IsAny<CancellationToken>())).ReturnsAsync(at);

    private SendPasswordResetCommandHandler CreateHandler() =>
        new(
            _users.Object,
            new OneTimeTokens(_userTokens.Object, TestData.CreateUserTokenService().Object, _users.Object),
            _emails.Object,
            _unitOfWork.Object,
            TestData.AuditLog(),
            TestData.CreateClock());
}
