using AuthFlow.Application.Auth.Commands.ForgotPassword;
using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Common.Interfaces;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ForgotPassword;

[TestFixture]
public sealed class ForgotPasswordCommandHandlerTests
{
    [Test]
    public async Task ForgotPassword_Always_SucceedsAndLeavesTheWorkToTheBackground()
    {
        var background = new Mock<IBackgroundCommands>();

        var result = await new ForgotPasswordCommandHandler(background.Object).Handle(new ForgotPasswordCommand("alice@example.com"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        background.Verify(b => b.EnqueueAsync(new SendPasswordResetCommand("alice@example.com"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
