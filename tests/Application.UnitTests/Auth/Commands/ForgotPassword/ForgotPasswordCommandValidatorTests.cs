using AuthFlow.Application.Auth.Commands.ForgotPassword;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ForgotPassword;

[TestFixture]
public sealed class ForgotPasswordCommandValidatorTests
{
    private readonly ForgotPasswordCommandValidator _validator = new();

    [Test]
    public void Validate_WithEmail_HasNoErrors() =>
        Assert.That(_validator.Validate(new ForgotPasswordCommand("alice@example.com")).Errors, Is.Empty);

    [TestCase("", "Email is required.")]
    [TestCase("not-an-email", "Email is not a valid email address.")]
    public void Validate_WithBadEmail_IsRejected(string email, string message)
    {
        var result = _validator.Validate(new ForgotPasswordCommand(email));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { message }));
    }
}
