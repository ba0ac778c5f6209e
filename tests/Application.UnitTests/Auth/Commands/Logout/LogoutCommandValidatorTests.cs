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

    [TestCase(null)]
    [TestCase(LogoutScope.Current)]
    [TestCase(LogoutScope.All)]
    [TestCase(LogoutScope.Others)]
    public void Validate_WithAKnownScopeOrNone_HasNoErrors(string? scope)
    {
        var result = _validator.Validate(Command(null, scope));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("everything")]
    [TestCase("ALL")]
    public void Validate_WithAnUnknownScope_IsRejected(string scope)
    {
        var result = _validator.Validate(Command(null, scope));

        Assert.That(TestData.ErrorsFor(result, "Scope"), Is.EqualTo(new[] { "Scope must be one of: current, all, others." }));
    }

    private static LogoutCommand Command(string? refreshToken, string? scope = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), refreshToken, scope);
}
