using AuthFlow.Application.Auth.Commands.ResetPassword;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ResetPassword;

[TestFixture]
public sealed class ResetPasswordCommandValidatorTests
{
    private readonly ResetPasswordCommandValidator _validator = new();

    [Test]
    public void Validate_WithValidCommand_HasNoErrors()
    {
        var result = _validator.Validate(new ResetPasswordCommand("emailed-token", TestData.Password));

        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("", "Token is required.")]
    [TestCase(null, "Token is required.")]
    public void Validate_WithoutToken_RequiresIt(string? token, string message)
    {
        var result = _validator.Validate(new ResetPasswordCommand(token!, TestData.Password));

        Assert.That(TestData.ErrorsFor(result, "Token"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void Validate_WithHugeToken_IsRejected()
    {
        var result = _validator.Validate(new ResetPasswordCommand(new string('t', 1025), TestData.Password));

        Assert.That(TestData.ErrorsFor(result, "Token"), Is.EqualTo(new[] { "Token is too long." }));
    }

    // The same rule as registration: one policy for every password being set.
    [TestCase("", "Password is required.")]
    [TestCase("elevenchars", "Password must be at least 12 characters.")]
    [TestCase("twelve chars\0", "Password must not contain NUL characters.")]
    public void Validate_WithPasswordBreakingThePolicy_IsRejected(string password, string message)
    {
        var result = _validator.Validate(new ResetPasswordCommand("emailed-token", password));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public void Validate_WithPasswordOver72Bytes_IsRejected()
    {
        var result = _validator.Validate(new ResetPasswordCommand("emailed-token", new string('é', 37)));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password must be at most 72 bytes in UTF-8." }));
    }
}
