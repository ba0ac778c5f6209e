using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.VerifyEmail;

public sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(c => c.Token).OneTimeToken();
}
