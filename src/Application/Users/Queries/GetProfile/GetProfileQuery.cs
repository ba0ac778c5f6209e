using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Users.Queries.GetProfile;

public sealed record GetProfileQuery(Guid UserId) : IQuery<Result<UserDto>>;

public sealed class GetProfileQueryHandler(IUserRepository users, IMapper mapper) : IQueryHandler<GetProfileQuery, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(GetProfileQuery query, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(query.UserId, cancellationToken);
        return user is null ? AuthErrors.InvalidToken : mapper.Map<UserDto>(user);
    }
}
