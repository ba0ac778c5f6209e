using System.Text.Json;

namespace AuthFlow.Application.Common.Models;

/// <summary>An account as the admin user list shows it.</summary>
public sealed record AdminUserSummary(
    Guid Id, string Username, string Email, DateTimeOffset CreatedAt, bool EmailVerified, bool Disabled, IReadOnlyList<string> Roles);

/// <summary>An account as the admin detail page shows it.</summary>
public sealed record AdminUserDetail(
    Guid Id,
    string Username,
    string Email,
    DateTimeOffset CreatedAt,
    bool EmailVerified,
    DateTimeOffset? EmailVerifiedAt,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastLoginAt,
    IReadOnlyList<string> Roles,
    int ActiveSessions);

/// <summary>One page of a keyset-paginated list; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record AuditEventDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Type,
    string Actor,
    Guid? SubjectUserId,
    string? IpAddress,
    string? UserAgent,
    string? TraceId,
    string Outcome,
    JsonElement? Details);
