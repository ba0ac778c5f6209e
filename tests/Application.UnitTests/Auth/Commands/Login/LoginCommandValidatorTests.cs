using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Validation;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Login;

[TestFixture]
public sealed class LoginCommandValidatorTests
{
    private readonly LoginCommandValidator _validator = new();

    [Test]
    public void Validate_WithValidCommand_HasNoErrors()
    {
        var result = _validator.Validate(Command());

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WithBlankEmail_RequiresIt(string email)
    {
        var result = _validator.Validate(Command(email: email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email is required." }));
    }

    [Test]
    public void Validate_WithMalformedEmail_IsRejected()
    {
        var result = _validator.Validate(Command(email: "alice.example.com"));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email is not a valid email address." }));
    }

    [Test]
    public void Validate_WithEmptyPassword_RequiresIt()
    {
        var result = _validator.Validate(Command(password: string.Empty));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password is required." }));
    }

    [Test]
    public void Validate_WithNullPassword_RequiresIt()
    {
        var result = _validator.Validate(Command(password: null!));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password is required." }));
    }

    [Test]
    public void Validate_WithPasswordBelowTheRegistrationPolicy_IsAccepted()
    {
        var result = _validator.Validate(Command(password: "short"));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.Empty);
    }

    [Test]
    public void Validate_WithPasswordOf1024Characters_IsAccepted()
    {
        var result = _validator.Validate(Command(password: new string('p', 1024)));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.Empty);
    }

    [Test]
    public void Validate_WithPasswordLongerThan1024Characters_IsRejected()
    {
        var result = _validator.Validate(Command(password: new string('p', 1025)));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password must be at most 1024 characters." }));
    }

    [TestCase("correct horse\0battery")]
    [TestCase("correct horse \ud800battery")]
    [TestCase("correct horse \udc00battery")]
    [TestCase("correct horse battery\ud83d")]
    [TestCase("correct horse \ufffdbattery")]
    public void Validate_WithMalformedPassword_IsRejectedWithAReason(string password)
    {
        var result = _validator.Validate(Command(password: password));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { PasswordRules.MalformedMessage }));
    }

    [Test]
    public void Validate_WithAnEmojiPassword_IsAccepted()
    {
        var result = _validator.Validate(Command(password: "correct horse \U0001F600 battery"));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.Empty);
    }

    private static LoginCommand Command(string email = "alice@example.com", string password = TestData.Password) =>
        new(email, password);
}
