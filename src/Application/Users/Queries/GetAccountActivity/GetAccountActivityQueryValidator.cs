using AuthFlow.Application.Admin.Common;
using FluentValidation;

namespace AuthFlow.Application.Users.Queries.GetAccountActivity;

public sealed class GetAccountActivityQueryValidator : AbstractValidator<GetAccountActivityQuery>
{
    public GetAccountActivityQueryValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
    }
}
