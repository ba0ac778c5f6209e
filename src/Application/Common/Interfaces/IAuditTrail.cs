using AuthFlow.Application.Common.Models;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>Reads the audit trail, newest first.</summary>
public interface IAuditTrail
{
    /// <summary>At most <see cref="AuditSearch.Limit"/> events older than <see cref="AuditSearch.Before"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEventDto>> SearchAsync(AuditSearch search, CancellationToken cancellationToken);
}

/// <summary>
/// <paramref name="TypePrefix"/> matches the start of the type (<c>login.</c> finds every login event);
/// <paramref name="Types"/>, when given, keeps only those types.
/// </summary>
public sealed record AuditSearch(
    Guid? SubjectUserId,
    string? Actor,
    string? TypePrefix,
    DateTimeOffset? From,
    DateTimeOffset? To,
    Guid? Before,
    int Limit,
    IReadOnlyList<string>? Types = null);
