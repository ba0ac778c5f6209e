using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AuthFlow.Infrastructure.Audit;

/// <summary>
/// Writes audit events into <c>audit_events</c>: tracked with the request's DbContext (so they commit with its change),
/// or inserted at once for refusals. The client address, user agent and trace id come from <see cref="IRequestContext"/>.
/// </summary>
internal sealed class AuditLog(
    AuthFlowDbContext db,
    IRequestContext request,
    IOptions<AuditOptions> options,
    IOptions<PasswordHashingOptions> hashing,
    TimeProvider timeProvider) : IAuditLog
{
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("authflow/audit-email/v1");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Add(AuditEntry entry)
    {
        if (options.Value.Enabled)
        {
            db.AuditEvents.Add(Create(entry));
        }
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        // One INSERT of its own: whatever else this request has tracked is not saved with it. Typed parameters, so that
        // a null subject or detail is a typed NULL.
        var e = Create(entry);
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO audit_events (id, occurred_at, type, actor, subject_user_id, ip_address, user_agent, trace_id, outcome, details)
            VALUES (@id, @occurred_at, @type, @actor, @subject_user_id, @ip_address, @user_agent, @trace_id, @outcome, @details)
            """,
            [
                new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = e.Id },
                new NpgsqlParameter("occurred_at", NpgsqlDbType.TimestampTz) { Value = e.OccurredAt },
                new NpgsqlParameter("type", NpgsqlDbType.Varchar) { Value = e.Type },
                new NpgsqlParameter("actor", NpgsqlDbType.Varchar) { Value = e.Actor },
                new NpgsqlParameter("subject_user_id", NpgsqlDbType.Uuid) { Value = (object?)e.SubjectUserId ?? DBNull.Value },
                new NpgsqlParameter("ip_address", NpgsqlDbType.Varchar) { Value = (object?)e.IpAddress ?? DBNull.Value },
                new NpgsqlParameter("user_agent", NpgsqlDbType.Varchar) { Value = (object?)e.UserAgent ?? DBNull.Value },
                new NpgsqlParameter("trace_id", NpgsqlDbType.Varchar) { Value = (object?)e.TraceId ?? DBNull.Value },
                new NpgsqlParameter("outcome", NpgsqlDbType.Varchar) { Value = e.Outcome.ToString() },
                new NpgsqlParameter("details", NpgsqlDbType.Jsonb) { Value = (object?)e.Details ?? DBNull.Value },
            ],
            cancellationToken);
    }

    /// <summary>HMAC-SHA256 under a key derived from the pepper, in base64url: linkable across events, not reversible to a list of emails.</summary>
    public string EmailFingerprint(string normalizedEmail)
    {
        var key = HMACSHA256.HashData(hashing.Value.PepperBytes(), KeyPurpose);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedEmail))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private AuditEvent Create(AuditEntry entry) => AuditEvent.Record(
        timeProvider.GetUtcNow(),
        entry.Type,
        entry.Actor ?? request.UserId?.ToString() ?? AuditEvent.SystemActor,
        entry.SubjectUserId,
        request.IpAddress,
        request.UserAgent,
        request.TraceId,
        entry.Outcome,
        entry.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details, Json) : null);
}
