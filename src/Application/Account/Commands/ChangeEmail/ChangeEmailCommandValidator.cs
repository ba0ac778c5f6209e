using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Account.Commands.ChangeEmail;

public sealed class ChangeEmailCommandValidator : AbstractValidator<ChangeEmailCommand>
{
    public ChangeEmailCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Password).ExistingPassword();
        RuleFor(c => c.NewEmail).ValidEmail();
    }
}
