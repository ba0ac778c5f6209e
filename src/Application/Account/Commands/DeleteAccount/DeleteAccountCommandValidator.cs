using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Account.Commands.DeleteAccount;

public sealed class DeleteAccountCommandValidator : AbstractValidator<DeleteAccountCommand>
{
    public DeleteAccountCommandValidator() => RuleFor(c => c.Password).ExistingPassword();
}
