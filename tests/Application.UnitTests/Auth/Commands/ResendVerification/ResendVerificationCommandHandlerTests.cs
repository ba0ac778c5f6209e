using AuthFlow.Application.Auth.Commands.ResendVerification;
using AuthFlow.Application.Auth.Commands.SendVerificationEmail;
using AuthFlow.Application.Common.Interfaces;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ResendVerification;

[TestFixture]
public sealed class ResendVerificationCommandHandlerTests
{
    [Test]
    public async Task ResendVerification_Always_SucceedsAndLeavesTheWorkToTheBackground()
    {
        var background = new Mock<IBackgroundCommands>();

        var result = await new ResendVerificationCommandHandler(background.Object).Handle(new ResendVerificationCommand("alice@example.com"), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        background.Verify(b => b.EnqueueAsync(new SendVerificationEmailCommand("alice@example.com"), It.IsAny<CancellationToken>()), Times.Once);
    }
}
