using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Account.Commands.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator(IPasswordPolicy passwordPolicy)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.CurrentPassword).ExistingPassword();
        RuleFor(c => c.NewPassword).NewPassword(passwordPolicy);
    }
}
