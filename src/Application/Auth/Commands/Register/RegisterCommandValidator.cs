using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.Register;

public sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public const int MinUsernameLength = 3;

    public RegisterCommandValidator(IPasswordPolicy passwordPolicy, IConfusableSkeleton confusables)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Username)
            .NotEmpty().WithMessage("Username is required.")
            .Must(u => u.Trim().EnumerateRunes().Count() is >= MinUsernameLength and <= User.MaxUsernameLength)
                .WithMessage($"Username must be {MinUsernameLength} to {User.MaxUsernameLength} characters.")
            .NoControlCharacters("Username")
            .WellFormedText("Username")
            .UnambiguousName("Username", confusables);

        RuleFor(c => c.Email).DeliverableEmail();

        RuleFor(c => c.Password).NewPassword(passwordPolicy, email: c => c.Email, username: c => c.Username);
    }
}
