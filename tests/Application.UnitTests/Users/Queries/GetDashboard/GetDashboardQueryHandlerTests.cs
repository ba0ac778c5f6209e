using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Users.Queries.GetDashboard;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Users.Queries.GetDashboard;

[TestFixture]
public sealed class GetDashboardQueryHandlerTests
{
    private User _user = null!;
    private Mock<IUserRepository> _users = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _user = TestData.CreateUser();
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindDashboardAsync(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((UserDashboard?)null);
        StoreDashboard(activeSessions: 0);
        _clock = TestData.CreateClock();
    }

    [Test]
    public async Task GetDashboard_WhenUserIsMissing_ReturnsInvalidToken()
    {
        var result = await CreateHandler().Handle(Query(userId: Guid.CreateVersion7()), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidToken));
    }

    [Test]
    public async Task GetDashboard_WithExistingUser_ReturnsTheActiveSessionCountAtTheCurrentTimeAndIdleTimeout()
    {
        _clock.Advance(TimeSpan.FromHours(2));
        _users.Setup(u => u.FindDashboardAsync(_user.Id, TestData.Now.AddHours(2), TestData.IdleTimeout, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Dashboard(activeSessions: 3));

        var result = await CreateHandler().Handle(Query(), CancellationToken.None);

        Assert.That(result.Value.ActiveSessions, Is.EqualTo(3));
    }

    [Test]
    public async Task GetDashboard_WithExistingUser_ReturnsTheCurrentSession()
    {
        var sessionId = Guid.CreateVersion7();

        var result = await CreateHandler().Handle(Query(sessionId: sessionId), CancellationToken.None);

        Assert.That(result.Value.CurrentSessionId, Is.EqualTo(sessionId));
    }

    [Test]
    public async Task GetDashboard_WithExistingUser_ReturnsTheLastLogin()
    {
        _user.RecordLogin(TestData.Now.AddMinutes(-20));
        StoreDashboard(activeSessions: 1);

        var result = await CreateHandler().Handle(Query(), CancellationToken.None);

        Assert.That(result.Value.LastLoginAt, Is.EqualTo(TestData.Now.AddMinutes(-20)));
    }

    [Test]
    public async Task GetDashboard_WithUserWhoNeverLoggedIn_ReturnsNoLastLogin()
    {
        var result = await CreateHandler().Handle(Query(), CancellationToken.None);

        Assert.That(result.Value.LastLoginAt, Is.Null);
    }

    [Test]
    public async Task GetDashboard_WithExistingUser_ReturnsTheUser()
    {
        var result = await CreateHandler().Handle(Query(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.User.Id, Is.EqualTo(_user.Id));
            Assert.That(result.Value.User.Username, Is.EqualTo(_user.Username));
            Assert.That(result.Value.User.Email, Is.EqualTo(_user.Email));
        }
    }

    private void StoreDashboard(int activeSessions) =>
        _users.Setup(u => u.FindDashboardAsync(_user.Id, It.IsAny<DateTimeOffset>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Dashboard(activeSessions));

    private UserDashboard Dashboard(int activeSessions) =>
        new(new UserDto(_user.Id, _user.Username, _user.Email, _user.CreatedAt, _user.EmailVerifiedAt is not null), _user.LastLoginAt, activeSessions);

    private GetDashboardQuery Query(Guid? userId = null, Guid? sessionId = null) =>
        new(userId ?? _user.Id, sessionId ?? Guid.CreateVersion7());

    private GetDashboardQueryHandler CreateHandler() =>
        new(_users.Object, TestData.CreateSessionPolicy().Object, _clock);
}
