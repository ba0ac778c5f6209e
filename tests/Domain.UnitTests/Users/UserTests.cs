using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

[TestFixture]
public sealed class UserTests
{
    [Test]
    public void Register_WithSurroundingWhiteSpace_TrimsUsername()
    {
        var user = TestData.CreateUser(username: "  alice \t");

        Assert.That(user.Username, Is.EqualTo("alice"));
    }

    [Test]
    public void Register_WithSurroundingWhiteSpace_TrimsEmailButKeepsItsCase()
    {
        var user = TestData.CreateUser(email: "  Alice@Example.COM ");

        Assert.That(user.Email, Is.EqualTo("Alice@Example.COM"));
    }

    [Test]
    public void Register_WithMixedCaseEmail_NormalizesEmailToTrimmedLowerCase()
    {
        var user = TestData.CreateUser(email: "  Alice@Example.COM ");

        Assert.That(user.NormalizedEmail, Is.EqualTo("alice@example.com"));
    }

    [Test]
    public void Register_Always_AssignsVersion7Id()
    {
        var user = TestData.CreateUser();

        Assert.That(user.Id.Version, Is.EqualTo(7));
    }

    [Test]
    public void Register_TwoUsers_GetDistinctIds()
    {
        var first = TestData.CreateUser();
        var second = TestData.CreateUser();

        Assert.That(first.Id, Is.Not.EqualTo(second.Id));
    }

    [Test]
    public void Register_Always_StoresCreatedAtAndPasswordHashAsGiven()
    {
        var user = TestData.CreateUser(passwordHash: " $2a$12$hash ", now: TestData.Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(user.PasswordHash, Is.EqualTo(" $2a$12$hash "));
        }
    }

    [Test]
    public void Register_Always_StartsWithoutLastLogin()
    {
        var user = TestData.CreateUser();

        Assert.That(user.LastLoginAt, Is.Null);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Register_WithBlankUsername_Throws(string username)
    {
        Assert.That(() => TestData.CreateUser(username: username), Throws.InstanceOf<ArgumentException>());
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Register_WithBlankEmail_Throws(string email)
    {
        Assert.That(() => TestData.CreateUser(email: email), Throws.InstanceOf<ArgumentException>());
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Register_WithBlankPasswordHash_Throws(string passwordHash)
    {
        Assert.That(() => TestData.CreateUser(passwordHash: passwordHash), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void Register_WithNullUsername_ThrowsArgumentNullException()
    {
        Assert.That(() => TestData.CreateUser(username: null!), Throws.ArgumentNullException);
    }

    [Test]
    public void RecordLogin_Always_SetsLastLoginAt()
    {
        var user = TestData.CreateUser(now: TestData.Now);
        var loginAt = TestData.Now.AddHours(3);

        user.RecordLogin(loginAt);

        Assert.That(user.LastLoginAt, Is.EqualTo(loginAt));
    }

    [Test]
    public void RecordLogin_Twice_KeepsTheLatest()
    {
        var user = TestData.CreateUser();
        user.RecordLogin(TestData.Now.AddHours(1));

        user.RecordLogin(TestData.Now.AddHours(2));

        Assert.That(user.LastLoginAt, Is.EqualTo(TestData.Now.AddHours(2)));
    }

    [TestCase("Alice@Example.com", "alice@example.com")]
    [TestCase(" \tBOB@EXAMPLE.ORG\n", "bob@example.org")]
    [TestCase("already@lower.case", "already@lower.case")]
    public void NormalizeEmail_Always_TrimsAndLowerCasesInvariantly(string email, string expected)
    {
        Assert.That(User.NormalizeEmail(email), Is.EqualTo(expected));
    }

    [Test]
    public void NormalizeEmail_WithNull_ThrowsArgumentNullException()
    {
        Assert.That(() => User.NormalizeEmail(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Register_Always_StartsWithAnUnverifiedEmail()
    {
        var user = TestData.CreateUser();

        Assert.That(user.EmailVerified, Is.False);
        Assert.That(user.EmailVerifiedAt, Is.Null);
    }

    [Test]
    public void VerifyEmail_Twice_KeepsTheFirstTime()
    {
        var user = TestData.CreateUser();

        user.VerifyEmail(TestData.Now.AddHours(1));
        user.VerifyEmail(TestData.Now.AddHours(2));

        Assert.That(user.EmailVerified, Is.True);
        Assert.That(user.EmailVerifiedAt, Is.EqualTo(TestData.Now.AddHours(1)));
    }

    [Test]
    public void ChangePasswordHash_WithNewHash_ReplacesIt()
    {
        var user = TestData.CreateUser(passwordHash: "$2a$12$old");

        user.ChangePasswordHash("$2a$12$new");

        Assert.That(user.PasswordHash, Is.EqualTo("$2a$12$new"));
    }

    [Test]
    public void ChangePasswordHash_WithBlankHash_Throws() =>
        Assert.That(() => TestData.CreateUser().ChangePasswordHash(" "), Throws.ArgumentException);
}
