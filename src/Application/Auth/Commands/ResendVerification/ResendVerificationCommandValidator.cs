using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.ResendVerification;

public sealed class ResendVerificationCommandValidator : AbstractValidator<ResendVerificationCommand>
{
    public ResendVerificationCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email).ValidEmail();
    }
}
