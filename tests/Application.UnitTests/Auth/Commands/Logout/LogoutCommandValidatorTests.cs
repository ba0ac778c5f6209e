using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Common.Validation;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Logout;

[TestFixture]
public sealed class LogoutCommandValidatorTests
{
    private readonly LogoutCommandValidator _validator = new();

    [TestCase(null)]
    [TestCase("")]
    public void Validate_WithoutRefreshToken_HasNoErrors(string? refreshToken)
    {
        var result = _validator.Validate(Command(refreshToken));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_WithRefreshTokenAtTheLengthLimit_HasNoErrors()
    {
        var result = _validator.Validate(Command(new string('t', RuleExtensions.MaxRefreshTokenLength)));

        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_WithRefreshTokenOverTheLengthLimit_IsRejected()
    {
        var result = _validator.Validate(Command(new string('t', RuleExtensions.MaxRefreshTokenLength + 1)));

        Assert.That(TestData.ErrorsFor(result, "RefreshToken"), Is.EqualTo(new[] { "Refresh token is too long." }));
    }

    private static LogoutCommand Command(string? refreshToken) => new(Guid.CreateVersion7(), Guid.CreateVersion7(), refreshToken);
}
