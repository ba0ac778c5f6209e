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
            .Must((c, code) => string.IsNullOrEmpty(code) != string.IsNullOrEmpty(c.RecoveryCode))
            .WithMessage("Give either a code from the authenticator app or a recovery code.");
    }
}
