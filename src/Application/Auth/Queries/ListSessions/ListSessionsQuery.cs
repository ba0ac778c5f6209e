using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Auth.Queries.ListSessions;

/// <summary>The caller's active sessions; <paramref name="CurrentSessionId"/> is the <c>sid</c> of the access token.</summary>
public sealed record ListSessionsQuery(Guid UserId, Guid CurrentSessionId) : IQuery<Result<IReadOnlyList<SessionDto>>>;

public sealed class ListSessionsQueryHandler(
    ISessionRepository sessions,
    ISessionPolicy sessionPolicy,
    TimeProvider timeProvider) : IQueryHandler<ListSessionsQuery, Result<IReadOnlyList<SessionDto>>>
{
    public async ValueTask<Result<IReadOnlyList<SessionDto>>> Handle(ListSessionsQuery query, CancellationToken cancellationToken)
    {
        var active = await sessions.ListActiveAsync(query.UserId, timeProvider.GetUtcNow(), sessionPolicy.IdleTimeout, cancellationToken);
        return active
            .Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastUsedAt, s.IpAddress, s.UserAgent, s.Id == query.CurrentSessionId))
            .ToList();
    }
}
