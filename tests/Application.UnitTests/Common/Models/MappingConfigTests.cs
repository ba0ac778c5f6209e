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

        Assert.That(dto, Is.EqualTo(new UserDto(user.Id, "alice", "Alice@Example.com", TestData.Now.AddDays(-1), EmailVerified: false)));
    }

    [Test]
    public void Map_UserWithVerifiedEmail_SaysSo()
    {
        var user = TestData.CreateUser();
        user.VerifyEmail(TestData.Now);

        var dto = TestData.CreateMapper().Map<UserDto>(user);

        Assert.That(dto.EmailVerified, Is.True);
    }

    [Test]
    public void Map_WithoutAnExplicitMapping_Throws()
    {
        var mapper = TestData.CreateMapper();

        Assert.That(
            () => mapper.Map<TokenPair>(new UserDto(Guid.CreateVersion7(), "alice", "alice@example.com", TestData.Now, EmailVerified: false)),
            Throws.TypeOf<CompileException>().With.InnerException.TypeOf<InvalidOperationException>());
    }
}
