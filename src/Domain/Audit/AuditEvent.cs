namespace AuthFlow.Domain.Audit;

/// <summary>
/// One security event, appended and never changed (a database trigger refuses UPDATE, and DELETE but for the retention
/// purge). It holds no password, token, hash or link, and no email in clear: an unknown email is kept as an HMAC.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The actor of events that no signed-in user caused (a login attempt, the command line, a background job).</summary>
    public const string SystemActor = "system";

    public const int MaxTypeLength = 40;
    public const int MaxActorLength = 40;
    public const int MaxIpAddressLength = 64;
    public const int MaxUserAgentLength = 512;
    public const int MaxTraceIdLength = 64;

    private AuditEvent(
        Guid id, DateTimeOffset occurredAt, string type, string actor, Guid? subjectUserId, string? ipAddress, string? userAgent,
        string? traceId, AuditOutcome outcome, string? details)
    {
        Id = id;
        OccurredAt = occurredAt;
        Type = type;
        Actor = actor;
        SubjectUserId = subjectUserId;
        IpAddress = ipAddress;
        UserAgent = userAgent;
        TraceId = traceId;
        Outcome = outcome;
        Details = details;
    }

    /// <summary>A UUIDv7 of <see cref="OccurredAt"/>: ordering by id is ordering by time.</summary>
    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>One of <see cref="AuditEventTypes"/>.</summary>
    public string Type { get; private set; }

    /// <summary>Who caused it: a user id, or <see cref="SystemActor"/>.</summary>
    public string Actor { get; private set; }

    /// <summary>The account the event is about; kept after the account is erased.</summary>
    public Guid? SubjectUserId { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string? TraceId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    /// <summary>A small JSON object of what else is worth knowing (a reason, a role, a count), or null.</summary>
    public string? Details { get; private set; }

    public static AuditEvent Record(
        DateTimeOffset now, string type, string actor, Guid? subjectUserId, string? ipAddress, string? userAgent,
        string? traceId, AuditOutcome outcome, string? details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return new AuditEvent(
            Guid.CreateVersion7(now), now, type, actor, subjectUserId, Cut(ipAddress, MaxIpAddressLength),
            Cut(userAgent, MaxUserAgentLength), Cut(traceId, MaxTraceIdLength), outcome, details);
    }

    /// <summary>Cuts client-supplied text on a rune boundary rather than refusing it.</summary>
    private static string? Cut(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        var end = maxLength;
        if (char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        return value[..end];
    }
}

public enum AuditOutcome
{
    Success = 1,
    Failure = 2,
}
