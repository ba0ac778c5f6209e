using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Admin.Common;

public static class RoleNameRule
{
    public static IRuleBuilderOptions<T, string> RoleName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(Role.IsValidName).WithMessage("Role must be a lowercase word of 2 to 50 characters: a letter, then letters, digits, '_' or '-'.");
}
