using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.Login;

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email).ValidEmail();

        // No policy here: a policy change must never lock out an account whose password predates it.
        RuleFor(c => c.Password).ExistingPassword();
    }
}
