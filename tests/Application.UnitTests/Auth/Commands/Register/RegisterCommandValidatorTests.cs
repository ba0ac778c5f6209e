using AuthFlow.Application.Auth.Commands.Register;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Register;

[TestFixture]
public sealed class RegisterCommandValidatorTests
{
    private Mock<IPasswordPolicy> _policy = null!;
    private RegisterCommandValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _policy = new Mock<IPasswordPolicy>();
        _policy.SetupGet(p => p.MinLength).Returns(12);
        _policy.SetupGet(p => p.MaxLength).Returns(256);
        _policy.Setup(p => p.Check(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<string?>())).Returns([]);
        _policy.Setup(p => p.Check("short", It.IsAny<string?>(), It.IsAny<string?>())).Returns(["Password must be at least 12 characters."]);
        _validator = new RegisterCommandValidator(_policy.Object, new PlainConfusableSkeleton());
    }

    [Test]
    public void Validate_WithValidCommand_HasNoErrors()
    {
        var result = _validator.Validate(Command());

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WithBlankUsername_RequiresIt(string username)
    {
        var result = _validator.Validate(Command(username: username));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username is required." }));
    }

    [Test]
    public void Validate_WithNullUsername_RequiresIt()
    {
        var result = _validator.Validate(Command(username: null!));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username is required." }));
    }

    [TestCase("ab")]
    [TestCase("  ab  ")]
    public void Validate_WithUsernameShorterThanThree_IsRejected(string username)
    {
        var result = _validator.Validate(Command(username: username));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username must be 3 to 50 characters." }));
    }

    [TestCase(3)]
    [TestCase(50)]
    public void Validate_WithUsernameAtTheLengthBounds_IsAccepted(int length)
    {
        var result = _validator.Validate(Command(username: new string('a', length)));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.Empty);
    }

    [Test]
    public void Validate_WithUsernameLongerThanFifty_IsRejected()
    {
        var result = _validator.Validate(Command(username: new string('a', 51)));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username must be 3 to 50 characters." }));
    }

    [Test]
    public void Validate_WithFiftyCharacterUsernameAndSurroundingSpaces_IsAccepted()
    {
        var result = _validator.Validate(Command(username: "  " + new string('a', 50) + "  "));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.Empty);
    }

    [TestCase("ali\u0000ce")]
    [TestCase("ali\tce")]
    [TestCase("alice\n")]
    [TestCase("ali\u007fce")]
    [TestCase("ali\u0085ce")]
    public void Validate_WithControlCharacterInUsername_IsRejected(string username)
    {
        var result = _validator.Validate(Command(username: username));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username must not contain control characters." }));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WithBlankEmail_RequiresIt(string email)
    {
        var result = _validator.Validate(Command(email: email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email is required." }));
    }

    [TestCase("alice")]
    [TestCase("alice@")]
    [TestCase("@example.com")]
    [TestCase("alice@bob@example.com")]
    public void Validate_WithMalformedEmail_IsRejected(string email)
    {
        var result = _validator.Validate(Command(email: email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email is not a valid email address." }));
    }

    [Test]
    public void Validate_WithSpaceInsideEmail_IsRejected()
    {
        var result = _validator.Validate(Command(email: "alice smith@example.com"));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email must not contain spaces." }));
    }

    [Test]
    public void Validate_WithSpacesAroundEmail_IsAccepted()
    {
        var result = _validator.Validate(Command(email: "  alice@example.com  "));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.Empty);
    }

    [Test]
    public void Validate_WithEmailOf254Characters_IsAccepted()
    {
        var result = _validator.Validate(Command(email: EmailOfLength(254)));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.Empty);
    }

    [Test]
    public void Validate_WithEmailLongerThan254Characters_IsRejected()
    {
        var result = _validator.Validate(Command(email: EmailOfLength(255)));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email must be at most 254 characters." }));
    }

    [TestCase("alice\ud800@example.com")]
    [TestCase("alice@example.com\udc00")]
    [TestCase("alice\ufffd@example.com")]
    public void Validate_WithLoneSurrogateOrReplacementCharacterInEmail_IsRejected(string email)
    {
        var result = _validator.Validate(Command(email: email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email" + RuleExtensions.MalformedTextReason }));
    }

    [TestCase("bob\ud800")]
    [TestCase("\udc00bob")]
    [TestCase("bob\ufffd")]
    public void Validate_WithLoneSurrogateOrReplacementCharacterInUsername_IsRejected(string username)
    {
        var result = _validator.Validate(Command(username: username));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.EqualTo(new[] { "Username" + RuleExtensions.MalformedTextReason }));
    }

    [Test]
    public void Validate_WithAnEmojiInUsername_IsAccepted()
    {
        var result = _validator.Validate(Command(username: "bob\U0001F600"));

        Assert.That(TestData.ErrorsFor(result, "Username"), Is.Empty);
    }

    [TestCase("alice\u0000@example.com")]
    [TestCase("alice@exa\u001bmple.com")]
    [TestCase("alice@example.com\r\n")]
    public void Validate_WithControlCharacterInEmail_IsRejected(string email)
    {
        var result = _validator.Validate(Command(email: email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email must not contain control characters." }));
    }

    [Test]
    public void Validate_WithEmptyPassword_RequiresIt()
    {
        var result = _validator.Validate(Command(password: string.Empty));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password is required." }));
    }

    [Test]
    public void Validate_WithEmptyPassword_DoesNotAskThePolicy()
    {
        _validator.Validate(Command(password: string.Empty));

        _policy.Verify(p => p.Check(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<string?>()), Times.Never);
    }

    [Test]
    public void Validate_WithAPasswordThePolicyRefuses_ReportsEachReasonOnThePassword()
    {
        _policy.Setup(p => p.Check("too common a password", It.IsAny<string?>(), It.IsAny<string?>()))
            .Returns(["first reason.", "second reason."]);

        var result = _validator.Validate(Command(password: "too common a password"));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "first reason.", "second reason." }));
    }

    [Test]
    public void Validate_Always_TellsThePolicyTheEmailAndUsername()
    {
        _validator.Validate(Command(username: "alice", email: "alice@example.com", password: "a password to check"));

        _policy.Verify(p => p.Check("a password to check", "alice@example.com", "alice"), Times.Once);
    }

    [Test]
    public void Validate_WithSeveralInvalidFields_ReportsEachField()
    {
        var result = _validator.Validate(Command(username: string.Empty, email: "nope", password: "short"));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Username", "Email", "Password" }));
    }

    /// <summary>A deliverable address of exactly <paramref name="length"/> characters: a 64-byte local part and labels of at most 60.</summary>
    private static string EmailOfLength(int length)
    {
        var labels = new List<string>();
        var remaining = length - 65 - ".com".Length;
        while (remaining > 0)
        {
            var take = remaining > 60 ? (remaining == 61 ? 59 : 60) : remaining;
            labels.Add(new string('b', take));
            remaining -= take + 1;
        }

        return new string('a', 64) + "@" + string.Join('.', labels) + ".com";
    }

    private static RegisterCommand Command(
        string username = "alice",
        string email = "alice@example.com",
        string password = TestData.Password) =>
        new(username, email, password);
}
