using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.Register;

public sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public const int MinUsernameLength = 3;

    private static readonly string LengthMessage = $"Username must be {MinUsernameLength} to {User.MaxUsernameLength} characters.";

    public RegisterCommandValidator(IPasswordPolicy passwordPolicy, IConfusableSkeleton confusables)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Username)
            .NotEmpty().WithMessage("Username is required.")
            .SetValidator(new CodePointLengthValidator<RegisterCommand>(MinUsernameLength, User.MaxUsernameLength, trim: true, LengthMessage, LengthMessage))
            .NoControlCharacters("Username")
            .WellFormedText("Username")
            .UnambiguousName("Username", confusables);

        RuleFor(c => c.Email).DeliverableEmail();

        RuleFor(c => c.Password).NewPassword(passwordPolicy, email: c => c.Email, username: c => c.Username);
    }
}
