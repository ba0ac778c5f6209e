using AuthFlow.Application.Admin.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Admin.Queries.SearchUsers;

/// <summary>
/// Accounts whose email or username starts with <paramref name="Query"/> (ignoring case), holding <paramref name="Role"/>,
/// in <paramref name="Status"/>; one page after <paramref name="Cursor"/>, in creation order.
/// </summary>
public sealed record SearchUsersQuery(string? Query, string? Role, string? Status, string? Cursor, int? Limit) : IQuery<Result<Page<AdminUserSummary>>>;

public sealed class SearchUsersQueryHandler(IUserDirectory directory) : IQueryHandler<SearchUsersQuery, Result<Page<AdminUserSummary>>>
{
    public async ValueTask<Result<Page<AdminUserSummary>>> Handle(SearchUsersQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? PagingRules.DefaultLimit;
        var prefix = string.IsNullOrWhiteSpace(query.Query) ? null : query.Query.Trim().ToLowerInvariant();
        var rows = await directory.SearchAsync(
            new UserSearch(prefix, query.Role, query.Status, PagingRules.After(query.Cursor), limit), cancellationToken);
        return KeysetCursor.ToPage(rows, limit, u => u.Id);
    }
}
