using AuthFlow.Application.Admin.Common;
using FluentValidation;

namespace AuthFlow.Application.Admin.Commands.GrantRole;

public sealed class GrantRoleCommandValidator : AbstractValidator<GrantRoleCommand>
{
    public GrantRoleCommandValidator() => RuleFor(c => c.Role).RoleName();
}
