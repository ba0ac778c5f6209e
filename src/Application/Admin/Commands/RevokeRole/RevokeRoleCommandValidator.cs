using AuthFlow.Application.Admin.Common;
using FluentValidation;

namespace AuthFlow.Application.Admin.Commands.RevokeRole;

public sealed class RevokeRoleCommandValidator : AbstractValidator<RevokeRoleCommand>
{
    public RevokeRoleCommandValidator() => RuleFor(c => c.Role).RoleName();
}
