using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.LoginWithPasskey;

public sealed class LoginWithPasskeyCommandValidator : AbstractValidator<LoginWithPasskeyCommand>
{
    public LoginWithPasskeyCommandValidator()
    {
        RuleFor(c => c.ChallengeId).NotEmpty().WithMessage("ChallengeId is required.");
        RuleFor(c => c.CredentialJson).NotEmpty().WithMessage("Credential is required.");
    }
}
