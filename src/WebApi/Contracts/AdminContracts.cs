using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuthFlow.Application.Common.Models;

namespace AuthFlow.WebApi.Contracts;

public sealed record AdminUserResponse(
    Guid Id, string Username, string Email, DateTimeOffset CreatedAt, bool EmailVerified, string Status, IReadOnlyList<string> Roles)
{
    public static AdminUserResponse From(AdminUserSummary user) =>
        new(user.Id, user.Username, user.Email, user.CreatedAt, user.EmailVerified, user.Disabled ? "disabled" : "active", user.Roles);
}

public sealed record AdminUserListResponse(IReadOnlyList<AdminUserResponse> Users, string? NextCursor)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record AdminUserDetailResponse(
    Guid Id,
    string Username,
    string Email,
    DateTimeOffset CreatedAt,
    bool EmailVerified,
    DateTimeOffset? EmailVerifiedAt,
    string Status,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastLoginAt,
    IReadOnlyList<string> Roles,
    int ActiveSessions)
{
    public static AdminUserDetailResponse From(AdminUserDetail user) => new(
        user.Id, user.Username, user.Email, user.CreatedAt, user.EmailVerified, user.EmailVerifiedAt, user.Disabled ? "disabled" : "active",
        user.DisabledAt, user.LastLoginAt, user.Roles, user.ActiveSessions);
}

public sealed record AdminUserEnvelope(AdminUserDetailResponse User)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

public sealed record AuditEventResponse(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Type,
    string Actor,
    Guid? SubjectUserId,
    string? IpAddress,
    string? UserAgent,
    string? TraceId,
    string Outcome,
    JsonObject? Details)
{
    public static AuditEventResponse From(AuditEventDto e) =>
        new(e.Id, e.OccurredAt, e.Type, e.Actor, e.SubjectUserId, e.IpAddress, e.UserAgent, e.TraceId, e.Outcome,
            e.Details is { ValueKind: JsonValueKind.Object } details ? JsonObject.Create(details) : null);
}

public sealed record AuditEventListResponse(IReadOnlyList<AuditEventResponse> Events, string? NextCursor)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;

    public static AuditEventListResponse From(Page<AuditEventDto> page) => new(page.Items.Select(AuditEventResponse.From).ToList(), page.NextCursor);
}
