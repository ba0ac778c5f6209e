using AuthFlow.Application.Auth.Commands.EndSession;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.EndSession;

[TestFixture]
public sealed class EndSessionCommandHandlerTests
{
    private static readonly Guid CallerId = Guid.CreateVersion7();
    private static readonly Guid SessionId = Guid.CreateVersion7();

    private Mock<ISessionRepository> _sessions = null!;

    [SetUp]
    public void SetUp() => _sessions = new Mock<ISessionRepository>();

    [Test]
    public async Task EndSession_OfTheCaller_RevokesItAsLogoutNow()
    {
        RevokeReturns(true);

        var result = await CreateHandler().Handle(new EndSessionCommand(CallerId, SessionId), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        _sessions.Verify(r => r.RevokeAsync(CallerId, SessionId, SessionRevocation.Logout, TestData.Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task EndSession_WhenNothingWasRevoked_ReturnsSessionNotFound()
    {
        RevokeReturns(false);

        var result = await CreateHandler().Handle(new EndSessionCommand(CallerId, SessionId), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.SessionNotFound));
    }

    private void RevokeReturns(bool revoked) =>
        _sessions
            .Setup(r => r.RevokeAsync(It.IsAny<Guid>(), It.IsAny<Guid>(), It.IsAny<SessionRevocation>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(revoked);

    private EndSessionCommandHandler CreateHandler() => new(_sessions.Object, TestData.AuditLog(), TestData.CreateUnitOfWork().Object, TestData.CreateClock());
}
