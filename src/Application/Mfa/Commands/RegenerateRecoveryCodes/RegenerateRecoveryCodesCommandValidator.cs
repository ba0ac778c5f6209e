using AuthFlow.Application.Common.Validation;
using AuthFlow.Application.Mfa.Common;
using FluentValidation;

namespace AuthFlow.Application.Mfa.Commands.RegenerateRecoveryCodes;

public sealed class RegenerateRecoveryCodesCommandValidator : AbstractValidator<RegenerateRecoveryCodesCommand>
{
    public RegenerateRecoveryCodesCommandValidator()
    {
        RuleFor(c => c.Password!).ExistingPassword().When(c => !string.IsNullOrEmpty(c.Password));
        RuleFor(c => c.Code).OptionalTotpCode();
        RuleFor(c => c.Password)
            .Must((c, password) => string.IsNullOrEmpty(password) != string.IsNullOrEmpty(c.Code))
            .WithMessage("Give either the password or a code from the authenticator app.");
    }
}
