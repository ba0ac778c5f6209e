using AuthFlow.Application.Common.Models;
using Mapster;

namespace AuthFlow.Application.UnitTests.Common.Models;

[TestFixture]
public sealed class MappingConfigTests
{
    [Test]
    public void Map_UserToUserDto_CopiesIdUsernameEmailAndCreationTime()
    {
        var user = TestData.CreateUser(username: "alice", email: " Alice@Example.com ", createdAt: TestData.Now.AddDays(-1));

        var dto = TestData.CreateMapper().Map<UserDto>(user);

        Assert.That(dto, Is.EqualTo(new UserDto(user.Id, "alice", "Alice@Example.com", TestData.Now.AddDays(-1))));
    }

    [Test]
    public void Map_WithoutAnExplicitMapping_Throws()
    {
        var mapper = TestData.CreateMapper();

        Assert.That(
            () => mapper.Map<TokenPair>(new UserDto(Guid.CreateVersion7(), "alice", "alice@example.com", TestData.Now)),
            Throws.TypeOf<CompileException>().With.InnerException.TypeOf<InvalidOperationException>());
    }
}
