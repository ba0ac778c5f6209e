using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Validation;
using AuthFlow.Domain.Users;
using FluentValidation;

namespace AuthFlow.Application.Admin.Queries.SearchUsers;

public sealed class SearchUsersQueryValidator : AbstractValidator<SearchUsersQuery>
{
    public SearchUsersQueryValidator()
    {
        RuleFor(q => q.Query!)
            .MaximumLength(User.MaxEmailLength).WithMessage($"Query must be at most {User.MaxEmailLength} characters.")
            .WellFormedText("Query")
            .When(q => q.Query is not null);
        RuleFor(q => q.Role!).RoleName().When(q => q.Role is not null);
        RuleFor(q => q.Status)
            .Must(s => s is null || UserStatuses.All.Contains(s))
            .WithMessage($"Status must be one of: {string.Join(", ", UserStatuses.All)}.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
    }
}
