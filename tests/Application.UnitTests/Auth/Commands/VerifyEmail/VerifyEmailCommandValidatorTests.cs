using AuthFlow.Application.Auth.Commands.VerifyEmail;

namespace AuthFlow.Application.UnitTests.Auth.Commands.VerifyEmail;

[TestFixture]
public sealed class VerifyEmailCommandValidatorTests
{
    private readonly VerifyEmailCommandValidator _validator = new();

    [Test]
    public void Validate_WithToken_HasNoErrors() =>
        Assert.That(_validator.Validate(new VerifyEmailCommand("emailed-token")).Errors, Is.Empty);

    [Test]
    public void Validate_WithoutToken_RequiresIt()
    {
        var result = _validator.Validate(new VerifyEmailCommand(""));

        Assert.That(TestData.ErrorsFor(result, "Token"), Is.EqualTo(new[] { "Token is required." }));
    }
}
