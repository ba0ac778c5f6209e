using AuthFlow.Application.Mfa.Common;
using FluentValidation;

namespace AuthFlow.Application.Mfa.Commands.ConfirmTotp;

public sealed class ConfirmTotpCommandValidator : AbstractValidator<ConfirmTotpCommand>
{
    public ConfirmTotpCommandValidator() => RuleFor(c => c.Code).TotpCode();
}
