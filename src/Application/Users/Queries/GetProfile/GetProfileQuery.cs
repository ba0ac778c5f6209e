using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Users.Queries.GetProfile;

public sealed record GetProfileQuery(Guid UserId) : IQuery<Result<UserDto>>;

/// <summary>The signed-in user, read on every call (a deleted or changed user is seen at once), untracked.</summary>
public sealed class GetProfileQueryHandler(IUserRepository users) : IQueryHandler<GetProfileQuery, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(GetProfileQuery query, CancellationToken cancellationToken) =>
        await users.FindProfileAsync(query.UserId, cancellationToken) is { } profile ? profile : AuthErrors.InvalidToken;
}
