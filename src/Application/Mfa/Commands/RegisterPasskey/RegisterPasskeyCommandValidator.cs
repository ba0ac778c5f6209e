using AuthFlow.Application.Common.Validation;
using AuthFlow.Domain.Mfa;
using FluentValidation;

namespace AuthFlow.Application.Mfa.Commands.RegisterPasskey;

public sealed class RegisterPasskeyCommandValidator : AbstractValidator<RegisterPasskeyCommand>
{
    public RegisterPasskeyCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.ChallengeId).NotEmpty().WithMessage("ChallengeId is required.");
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Name is required.")
            .Must(n => n.Trim().Length is > 0 and <= Passkey.MaxNameLength).WithMessage($"Name must be 1 to {Passkey.MaxNameLength} characters.")
            .Must(n => !n.Any(char.IsControl)).WithMessage("Name must not contain control characters.")
            .WellFormedText("Name");
        RuleFor(c => c.CredentialJson).NotEmpty().WithMessage("Credential is required.");
    }
}
