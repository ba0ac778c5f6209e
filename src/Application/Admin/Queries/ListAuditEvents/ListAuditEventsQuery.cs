using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Admin.Queries.ListAuditEvents;

/// <summary>
/// Audit events, newest first, filtered by subject, actor (a user id or <c>system</c>), type prefix and time range
/// (<paramref name="From"/> inclusive, <paramref name="To"/> exclusive); one page after <paramref name="Cursor"/>.
/// </summary>
public sealed record ListAuditEventsQuery(
    Guid? SubjectUserId, string? Actor, string? Type, DateTimeOffset? From, DateTimeOffset? To, string? Cursor, int? Limit)
    : IQuery<Result<Page<AuditEventDto>>>;

public sealed class ListAuditEventsQueryHandler(IAuditTrail auditTrail) : IQueryHandler<ListAuditEventsQuery, Result<Page<AuditEventDto>>>
{
    public async ValueTask<Result<Page<AuditEventDto>>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? PagingRules.DefaultLimit;
        var rows = await auditTrail.SearchAsync(
            new AuditSearch(query.SubjectUserId, query.Actor, query.Type, query.From, query.To, PagingRules.After(query.Cursor), limit),
            cancellationToken);
        return KeysetCursor.ToPage(rows, limit, e => e.Id);
    }
}
