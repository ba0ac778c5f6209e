using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Mfa.Commands.DeletePasskey;

public sealed class DeletePasskeyCommandValidator : AbstractValidator<DeletePasskeyCommand>
{
    public DeletePasskeyCommandValidator() => RuleFor(c => c.Password).ExistingPassword();
}
