using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Users.Queries.GetProfile;
using Moq;

namespace AuthFlow.Application.UnitTests.Users.Queries.GetProfile;

[TestFixture]
public sealed class GetProfileQueryHandlerTests
{
    private Mock<IUserRepository> _users = null!;

    [SetUp]
    public void SetUp()
    {
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.FindProfileAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync((UserDto?)null);
    }

    [Test]
    public async Task GetProfile_WhenUserIsMissing_ReturnsInvalidToken()
    {
        var result = await CreateHandler().Handle(new GetProfileQuery(Guid.CreateVersion7()), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.InvalidToken));
    }

    [Test]
    public async Task GetProfile_WithExistingUser_ReturnsTheMappedUser()
    {
        var user = TestData.CreateUser(username: "bob", email: "Bob@Example.com", createdAt: TestData.Now.AddDays(-3));
        _users.Setup(u => u.FindProfileAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.CreateMapper().Map<UserDto>(user));

        var result = await CreateHandler().Handle(new GetProfileQuery(user.Id), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.Id, Is.EqualTo(user.Id));
            Assert.That(result.Value.Username, Is.EqualTo("bob"));
            Assert.That(result.Value.Email, Is.EqualTo("Bob@Example.com"));
            Assert.That(result.Value.CreatedAt, Is.EqualTo(TestData.Now.AddDays(-3)));
        }
    }

    private GetProfileQueryHandler CreateHandler() => new(_users.Object);
}
