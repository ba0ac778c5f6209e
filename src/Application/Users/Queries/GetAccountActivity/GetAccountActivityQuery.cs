using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using Mediator;

namespace AuthFlow.Application.Users.Queries.GetAccountActivity;

/// <summary>
/// The caller's own recent security events (logins with their address and user agent, password, session and role
/// changes), newest first, so that a user can spot a login that was not theirs.
/// </summary>
public sealed record GetAccountActivityQuery(Guid UserId, string? Cursor, int? Limit) : IQuery<Result<Page<AuditEventDto>>>;

public sealed class GetAccountActivityQueryHandler(IAuditTrail auditTrail) : IQueryHandler<GetAccountActivityQuery, Result<Page<AuditEventDto>>>
{
    public async ValueTask<Result<Page<AuditEventDto>>> Handle(GetAccountActivityQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? PagingRules.DefaultLimit;
        var rows = await auditTrail.SearchAsync(
            new AuditSearch(query.UserId, Actor: null, TypePrefix: null, From: null, To: null, PagingRules.After(query.Cursor), limit,
                AuditEventTypes.AccountActivity),
            cancellationToken);
        return KeysetCursor.ToPage(rows, limit, e => e.Id);
    }
}
