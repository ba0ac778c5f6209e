using AuthFlow.Application.Auth.Queries.ListSessions;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Queries.ListSessions;

[TestFixture]
public sealed class ListSessionsQueryHandlerTests
{
    private static readonly Guid CallerId = Guid.CreateVersion7();

    private Mock<ISessionRepository> _sessions = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _sessions = new Mock<ISessionRepository>();
        _sessions
            .Setup(r => r.ListActiveAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        _clock = TestData.CreateClock();
    }

    [Test]
    public async Task ListSessions_Always_AsksForTheCallersActiveSessionsNow()
    {
        await CreateHandler().Handle(new ListSessionsQuery(CallerId, Guid.CreateVersion7()), CancellationToken.None);

        _sessions.Verify(r => r.ListActiveAsync(CallerId, TestData.Now, TestData.IdleTimeout, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ListSessions_WithSessions_MarksOnlyTheCurrentOne()
    {
        var current = TestData.StartSession(CallerId);
        var other = TestData.StartSession(CallerId);
        Listed(current, other);

        var result = await CreateHandler().Handle(new ListSessionsQuery(CallerId, current.Id), CancellationToken.None);

        Assert.That(result.Value.Select(s => (s.Id, s.Current)), Is.EqualTo(new[] { (current.Id, true), (other.Id, false) }));
    }

    [Test]
    public async Task ListSessions_WithASession_ReturnsItsDetails()
    {
        var session = TestData.StartSession(CallerId);
        session.RecordUse(TestData.Now.AddMinutes(-3));
        Listed(session);

        var result = await CreateHandler().Handle(new ListSessionsQuery(CallerId, Guid.CreateVersion7()), CancellationToken.None);

        var dto = result.Value.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dto.CreatedAt, Is.EqualTo(session.CreatedAt));
            Assert.That(dto.LastUsedAt, Is.EqualTo(TestData.Now.AddMinutes(-3)));
            Assert.That(dto.IpAddress, Is.EqualTo("203.0.113.7"));
            Assert.That(dto.UserAgent, Is.EqualTo("Mozilla/5.0"));
        }
    }

    private void Listed(params Session[] sessions) =>
        _sessions
            .Setup(r => r.ListActiveAsync(CallerId, It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(sessions);

    private ListSessionsQueryHandler CreateHandler() => new(_sessions.Object, TestData.CreateSessionPolicy().Object, _clock);
}
