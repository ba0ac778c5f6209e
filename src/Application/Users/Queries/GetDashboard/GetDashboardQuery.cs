using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Users.Queries.GetDashboard;

public sealed record GetDashboardQuery(Guid UserId, Guid SessionId) : IQuery<Result<DashboardDto>>;

/// <summary>A small summary for the signed-in caller.</summary>
public sealed record DashboardDto(UserDto User, DateTimeOffset? LastLoginAt, int ActiveSessions, Guid CurrentSessionId);

public sealed class GetDashboardQueryHandler(
    IUserRepository users,
    ISessionRepository sessions,
    ISessionPolicy sessionPolicy,
    TimeProvider timeProvider,
    IMapper mapper) : IQueryHandler<GetDashboardQuery, Result<DashboardDto>>
{
    public async ValueTask<Result<DashboardDto>> Handle(GetDashboardQuery query, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(query.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.InvalidToken;
        }

        var activeSessions = await sessions.CountActiveAsync(user.Id, timeProvider.GetUtcNow(), sessionPolicy.IdleTimeout, cancellationToken);
        return new DashboardDto(mapper.Map<UserDto>(user), user.LastLoginAt, activeSessions, query.SessionId);
    }
}
