using AuthFlow.Application.Auth.Commands.ResetPassword;
using AuthFlow.Application.Common.Interfaces;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.ResetPassword;

[TestFixture]
public sealed class ResetPasswordCommandValidatorTests
{
    private ResetPasswordCommandValidator _validator = null!;

    /// <summary>The policy itself is tested with the Infrastructure; here: the validator applies whatever it says.</summary>
    [SetUp]
    public void SetUp()
    {
        var policy = new Mock<IPasswordPolicy>();
        policy.SetupGet(p => p.MinLength).Returns(12);
        policy.SetupGet(p => p.MaxLength).Returns(256);
        policy.Setup(p => p.Check(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<string?>())).Returns([]);
        policy.Setup(p => p.Check("short", null, null)).Returns(["Password must be at least 12 characters."]);
        _validator = new ResetPasswordCommandValidator(policy.Object);
    }

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

    [Test]
    public void Validate_WithPasswordThePolicyRefuses_ReportsThePolicysReasons()
    {
        var result = _validator.Validate(new ResetPasswordCommand("emailed-token", "short"));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password must be at least 12 characters." }));
    }

    [Test]
    public void Validate_WithoutPassword_RequiresIt()
    {
        var result = _validator.Validate(new ResetPasswordCommand("emailed-token", ""));

        Assert.That(TestData.ErrorsFor(result, "Password"), Is.EqualTo(new[] { "Password is required." }));
    }
}
