using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Results;

namespace AuthFlow.Application.UnitTests.Common.Errors;

/// <summary>The codes are part of the public contract: clients switch on them.</summary>
[TestFixture]
public sealed class AuthErrorsTests
{
    private static IEnumerable<TestCaseData> Catalogue()
    {
        yield return new TestCaseData(AuthErrors.InvalidCredentials, "invalid_credentials", ErrorKind.Unauthorized).SetArgDisplayNames(nameof(AuthErrors.InvalidCredentials));
        yield return new TestCaseData(AuthErrors.EmailTaken, "email_taken", ErrorKind.Conflict).SetArgDisplayNames(nameof(AuthErrors.EmailTaken));
        yield return new TestCaseData(AuthErrors.InvalidRefreshToken, "invalid_refresh_token", ErrorKind.Unauthorized).SetArgDisplayNames(nameof(AuthErrors.InvalidRefreshToken));
        yield return new TestCaseData(AuthErrors.InvalidToken, "invalid_token", ErrorKind.Unauthorized).SetArgDisplayNames(nameof(AuthErrors.InvalidToken));
        yield return new TestCaseData(AuthErrors.SigningKeysNotManaged, "signing_keys_not_managed", ErrorKind.Validation).SetArgDisplayNames(nameof(AuthErrors.SigningKeysNotManaged));
        yield return new TestCaseData(AuthErrors.Busy, "busy", ErrorKind.Unavailable).SetArgDisplayNames(nameof(AuthErrors.Busy));
        yield return new TestCaseData(AuthErrors.LoginThrottled(TimeSpan.FromSeconds(3)), "login_throttled", ErrorKind.TooManyRequests).SetArgDisplayNames(nameof(AuthErrors.LoginThrottled));
        yield return new TestCaseData(AuthErrors.InvalidResetToken, "invalid_reset_token", ErrorKind.Validation).SetArgDisplayNames(nameof(AuthErrors.InvalidResetToken));
        yield return new TestCaseData(AuthErrors.InvalidVerificationToken, "invalid_verification_token", ErrorKind.Validation).SetArgDisplayNames(nameof(AuthErrors.InvalidVerificationToken));
        yield return new TestCaseData(AuthErrors.EmailNotVerified, "email_not_verified", ErrorKind.Forbidden).SetArgDisplayNames(nameof(AuthErrors.EmailNotVerified));
    }

    [TestCaseSource(nameof(Catalogue))]
    public void Error_InTheCatalogue_KeepsItsCodeAndKind(Error error, string code, ErrorKind kind)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(code));
            Assert.That(error.Kind, Is.EqualTo(kind));
            Assert.That(error.Title, Is.Not.Empty);
            Assert.That(error.FieldErrors, Is.Null);
        }
    }

    [Test]
    public void LoginThrottled_Always_CarriesTheWait()
    {
        Assert.That(AuthErrors.LoginThrottled(TimeSpan.FromSeconds(42)).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
    }

    [Test]
    public void Busy_Always_AsksToRetryWithinSeconds()
    {
        Assert.That(AuthErrors.Busy.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }
}
