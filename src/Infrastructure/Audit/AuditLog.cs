using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

        // One INSERT of its own: whatever else this request has tracked is not saved with it.
        var e = Create(entry);
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO audit_events (id, occurred_at, type, actor, subject_user_id, ip_address, user_agent, trace_id, outcome, details)
            VALUES ({e.Id}, {e.OccurredAt}, {e.Type}, {e.Actor}, {e.SubjectUserId}, {e.IpAddress}, {e.UserAgent}, {e.TraceId}, {e.Outcome.ToString()}, {e.Details}::jsonb)
            """,
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
