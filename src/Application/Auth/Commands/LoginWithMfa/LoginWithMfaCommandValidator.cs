using AuthFlow.Application.Common.Validation;
using AuthFlow.Application.Mfa.Common;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.LoginWithMfa;

public sealed class LoginWithMfaCommandValidator : AbstractValidator<LoginWithMfaCommand>
{
    public LoginWithMfaCommandValidator()
    {
        RuleFor(c => c.MfaToken).NotEmpty().WithMessage("MfaToken is required.")
            .MaximumLength(RuleExtensions.MaxOneTimeTokenLength).WithMessage("MfaToken is too long.");
        RuleFor(c => c.Code).OptionalTotpCode();
        RuleFor(c => c.RecoveryCode).OptionalRecoveryCode();
        RuleFor(c => c.Code)
            .Must((c, code) => new[] { !string.IsNullOrEmpty(code), !string.IsNullOrEmpty(c.RecoveryCode), c.PasskeyChallengeId is not null }.Count(given => given) == 1)
            .WithMessage("Give exactly one of a code from the authenticator app, a recovery code or a passkey.");
        RuleFor(c => c.PasskeyCredentialJson)
            .NotEmpty().When(c => c.PasskeyChallengeId is not null).WithMessage("Passkey credential is required.");
    }
}
