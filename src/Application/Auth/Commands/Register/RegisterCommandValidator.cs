using System.Text;
using AuthFlow.Application.Common.Validation;
using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.Register;

public sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public const int MinUsernameLength = 3;
    public const int MinPasswordLength = 12;

    public RegisterCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Username)
            .NotEmpty().WithMessage("Username is required.")
            .Must(u => u.Trim().EnumerateRunes().Count() is >= MinUsernameLength and <= User.MaxUsernameLength)
                .WithMessage($"Username must be {MinUsernameLength} to {User.MaxUsernameLength} characters.")
            .NoControlCharacters("Username");

        RuleFor(c => c.Email).ValidEmail();

        RuleFor(c => c.Password)
            .NotEmpty().WithMessage("Password is required.")
            .Must(p => p.EnumerateRunes().Count() >= MinPasswordLength)
                .WithMessage($"Password must be at least {MinPasswordLength} characters.")
            .Must(p => Encoding.UTF8.GetByteCount(p) <= RuleExtensions.MaxPasswordBytes)
                .WithMessage($"Password must be at most {RuleExtensions.MaxPasswordBytes} bytes in UTF-8.")
            .Must(p => !p.Contains('\0', StringComparison.Ordinal))
                .WithMessage("Password must not contain NUL characters.");
    }
}
