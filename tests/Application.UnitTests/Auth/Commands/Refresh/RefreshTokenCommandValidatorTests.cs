using AuthFlow.Application.Auth.Commands.Refresh;
using AuthFlow.Application.Common.Validation;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Refresh;

[TestFixture]
public sealed class RefreshTokenCommandValidatorTests
{
    private readonly RefreshTokenCommandValidator _validator = new();

    [Test]
    public void Validate_WithTokenOf43Characters_HasNoErrors()
    {
        var result = _validator.Validate(new RefreshTokenCommand(new string('t', 43)));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(null)]
    public void Validate_WithBlankToken_RequiresIt(string? token)
    {
        var result = _validator.Validate(new RefreshTokenCommand(token!));

        Assert.That(TestData.ErrorsFor(result, "RefreshToken"), Is.EqualTo(new[] { "Refresh token is required." }));
    }

    [Test]
    public void Validate_WithTokenAtTheLengthLimit_IsAccepted()
    {
        var result = _validator.Validate(new RefreshTokenCommand(new string('t', RuleExtensions.MaxRefreshTokenLength)));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_WithTokenOverTheLengthLimit_IsRejected()
    {
        var result = _validator.Validate(new RefreshTokenCommand(new string('t', RuleExtensions.MaxRefreshTokenLength + 1)));

        Assert.That(TestData.ErrorsFor(result, "RefreshToken"), Is.EqualTo(new[] { "Refresh token is too long." }));
    }
}
