using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Results;

namespace AuthFlow.Application.UnitTests.Common.Results;

[TestFixture]
public sealed class ResultTests
{
    [Test]
    public void ImplicitConversion_FromValue_IsASuccessHoldingIt()
    {
        Result<string> result = "value";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Value, Is.EqualTo("value"));
        }
    }

    [Test]
    public void ImplicitConversion_FromError_IsAFailureHoldingIt()
    {
        Result<string> result = AuthErrors.EmailTaken;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsSuccess, Is.False);
            Assert.That(result.Error, Is.SameAs(AuthErrors.EmailTaken));
        }
    }

    [Test]
    public void Value_OfAFailure_ThrowsNamingTheErrorCode()
    {
        var result = Result<string>.Failure(AuthErrors.EmailTaken);

        Assert.That(() => result.Value, Throws.InvalidOperationException.With.Message.Contains("email_taken"));
    }

    [Test]
    public void Failure_WithNullError_ThrowsArgumentNullException()
    {
        Assert.That(() => Result<string>.Failure(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Validation_Always_CarriesTheFieldErrorsUnderTheValidationCode()
    {
        var fieldErrors = new Dictionary<string, string[]> { ["email"] = ["Email is required."] };

        var error = Error.Validation(fieldErrors);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo("validation_failed"));
            Assert.That(error.Kind, Is.EqualTo(ErrorKind.Validation));
            Assert.That(error.FieldErrors, Is.SameAs(fieldErrors));
        }
    }
}
