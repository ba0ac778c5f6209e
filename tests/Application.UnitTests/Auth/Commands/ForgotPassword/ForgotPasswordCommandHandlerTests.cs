using AuthFlow.Application.Auth.Commands.ForgotPassword;
using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;
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
        background.Verify(b => b.TryEnqueue(new SendPasswordResetCommand("alice@example.com")), Times.Once);
    }

    [Test]
    public async Task ForgotPassword_WhenTheQueueIsFull_StillAnswersTheSame()
    {
        var background = new Mock<IBackgroundCommands>();
        background.Setup(b => b.TryEnqueue(It.IsAny<ICommand<Result<Unit>>>())).Returns(false);

        var result = await new ForgotPasswordCommandHandler(background.Object).Handle(new ForgotPasswordCommand("alice@example.com"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
    }
}
