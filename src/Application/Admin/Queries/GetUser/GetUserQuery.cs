using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Admin.Queries.GetUser;

/// <summary>One account with its roles, status, email verification, dates and number of active sessions.</summary>
public sealed record GetUserQuery(Guid UserId) : IQuery<Result<AdminUserDetail>>;

public sealed class GetUserQueryHandler(IUserDirectory directory, ISessionPolicy sessionPolicy, TimeProvider timeProvider)
    : IQueryHandler<GetUserQuery, Result<AdminUserDetail>>
{
    public async ValueTask<Result<AdminUserDetail>> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        var user = await directory.GetAsync(query.UserId, timeProvider.GetUtcNow(), sessionPolicy.IdleTimeout, cancellationToken);
        return user is null ? AuthErrors.UserNotFound : user;
    }
}
