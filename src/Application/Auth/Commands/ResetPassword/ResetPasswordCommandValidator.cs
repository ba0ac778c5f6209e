using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator(IPasswordPolicy passwordPolicy)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Token).OneTimeToken();
        // The account's email and username are checked by the handler, once the token has named the account.
        RuleFor(c => c.Password).NewPassword(passwordPolicy);
    }
}
