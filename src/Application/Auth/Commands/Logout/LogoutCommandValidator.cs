using AuthFlow.Application.Common.Validation;
using FluentValidation;

namespace AuthFlow.Application.Auth.Commands.Logout;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator()
    {
        RuleFor(c => c.RefreshToken)
            .MaximumLength(RuleExtensions.MaxRefreshTokenLength).WithMessage("Refresh token is too long.");

        RuleFor(c => c.Scope)
            .SetValidator(new AllowedValuesValidator<LogoutCommand>(LogoutScope.Values, "Scope"));
    }
}
