using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

[TestFixture]
public sealed class UserTokenTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    [Test]
    public void Issue_WithLifetime_ExpiresThatLongAfterNow()
    {
        var token = Issue();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.Id.Version, Is.EqualTo(7));
            Assert.That(token.CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(token.ExpiresAt, Is.EqualTo(TestData.Now + Lifetime));
            Assert.That(token.UsedAt, Is.Null);
            Assert.That(token.Superseded, Is.False);
        }
    }

    [Test]
    public void IsUsable_JustBeforeExpiry_IsTrue() =>
        Assert.That(Issue().IsUsable(TestData.Now + Lifetime - TimeSpan.FromTicks(1)), Is.True);

    [Test]
    public void IsUsable_AtExpiry_IsFalse() =>
        Assert.That(Issue().IsUsable(TestData.Now + Lifetime), Is.False);

    [Test]
    public void Consume_WhenUsable_RecordsTheTimeAndEndsTheToken()
    {
        var token = Issue();

        token.Consume(TestData.Now.AddMinutes(1));

        Assert.That(token.UsedAt, Is.EqualTo(TestData.Now.AddMinutes(1)));
        Assert.That(token.IsUsable(TestData.Now.AddMinutes(2)), Is.False);
    }

    [Test]
    public void Consume_ASecondTime_Throws()
    {
        var token = Issue();
        token.Consume(TestData.Now.AddMinutes(1));

        Assert.That(() => token.Consume(TestData.Now.AddMinutes(2)), Throws.InvalidOperationException);
    }

    [Test]
    public void Consume_AfterExpiry_Throws() =>
        Assert.That(() => Issue().Consume(TestData.Now + Lifetime), Throws.InvalidOperationException);

    [TestCase("")]
    [TestCase("  ")]
    public void Issue_WithBlankHash_Throws(string hash) =>
        Assert.That(() => UserToken.Issue(Guid.CreateVersion7(), UserTokenPurpose.PasswordReset, hash, TestData.Now, Lifetime), Throws.ArgumentException);

    [Test]
    public void Issue_WithNonPositiveLifetime_Throws() =>
        Assert.That(() => UserToken.Issue(Guid.CreateVersion7(), UserTokenPurpose.PasswordReset, "hash", TestData.Now, TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static UserToken Issue() =>
        UserToken.Issue(Guid.CreateVersion7(), UserTokenPurpose.PasswordReset, "hash-of-token", TestData.Now, Lifetime);
}
