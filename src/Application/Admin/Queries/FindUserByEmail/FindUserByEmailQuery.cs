using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Queries.FindUserByEmail;

/// <summary>The id of the account holding an email; the <c>users</c> command line names accounts by email.</summary>
public sealed record FindUserByEmailQuery(string Email) : IQuery<Result<Guid>>;

public sealed class FindUserByEmailQueryHandler(IUserRepository users) : IQueryHandler<FindUserByEmailQuery, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(FindUserByEmailQuery query, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(query.Email), cancellationToken);
        return user is null ? AuthErrors.UserNotFound : user.Id;
    }
}
