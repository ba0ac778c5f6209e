using AuthFlow.Application.Auth.Commands.ResendVerification;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ResendVerification;

[TestFixture]
public sealed class ResendVerificationCommandValidatorTests
{
    private readonly ResendVerificationCommandValidator _validator = new();

    [Test]
    public void Validate_WithEmail_HasNoErrors() =>
        Assert.That(_validator.Validate(new ResendVerificationCommand("alice@example.com")).Errors, Is.Empty);

    [Test]
    public void Validate_WithoutEmail_RequiresIt()
    {
        var result = _validator.Validate(new ResendVerificationCommand(""));

        Assert.That(TestData.ErrorsFor(result, "Email"), Is.EqualTo(new[] { "Email is required." }));
    }
}
