using AuthFlow.Application.Common.Validation;
using AuthFlow.Application.Mfa.Common;
using FluentValidation;

namespace AuthFlow.Application.Mfa.Commands.RemoveTotp;

public sealed class RemoveTotpCommandValidator : AbstractValidator<RemoveTotpCommand>
{
    public RemoveTotpCommandValidator()
    {
        RuleFor(c => c.Password).ExistingPassword();
        RuleFor(c => c.Code).OptionalTotpCode();
        RuleFor(c => c.RecoveryCode).OptionalRecoveryCode();
        RuleFor(c => c.Code)
            .Must((c, code) => string.IsNullOrEmpty(code) != string.IsNullOrEmpty(c.RecoveryCode))
            .WithMessage("Give either a code from the authenticator app or a recovery code.");
    }
}
