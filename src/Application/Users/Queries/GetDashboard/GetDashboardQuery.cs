using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Users.Queries.GetDashboard;

public sealed record GetDashboardQuery(Guid UserId, Guid SessionId) : IQuery<Result<DashboardDto>>;

/// <summary>A small summary for the signed-in caller.</summary>
public sealed record DashboardDto(UserDto User, DateTimeOffset? LastLoginAt, int ActiveSessions, Guid CurrentSessionId);

/// <summary>The user and its active session count in one read (see <see cref="IUserRepository.FindDashboardAsync"/>).</summary>
public sealed class GetDashboardQueryHandler(
    IUserRepository users,
    ISessionPolicy sessionPolicy,
    TimeProvider timeProvider) : IQueryHandler<GetDashboardQuery, Result<DashboardDto>>
{
    public async ValueTask<Result<DashboardDto>> Handle(GetDashboardQuery query, CancellationToken cancellationToken) =>
        await users.FindDashboardAsync(query.UserId, timeProvider.GetUtcNow(), sessionPolicy.IdleTimeout, cancellationToken) is { } dashboard
            ? new DashboardDto(dashboard.User, dashboard.LastLoginAt, dashboard.ActiveSessions, query.SessionId)
            : AuthErrors.InvalidToken;
}
