using AuthFlow.Domain.Audit;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// One security event to record. <paramref name="Details"/> is a small set of facts (a reason, a role, a count);
/// never a password, token, hash, link, or an email in clear (see <see cref="IAuditLog.EmailFingerprint"/>).
/// </summary>
public sealed record AuditEntry(
    string Type,
    Guid? SubjectUserId,
    AuditOutcome Outcome = AuditOutcome.Success,
    IReadOnlyDictionary<string, object?>? Details = null)
{
    /// <summary>Who caused it, when not the signed-in caller of this request (see <see cref="IRequestContext"/>).</summary>
    public string? Actor { get; init; }
}

/// <summary>The audit trail, written by the use cases (ADR 0013).</summary>
public interface IAuditLog
{
    /// <summary>
    /// Tracks the event with the current unit of work: it is stored by the next save, in the same transaction as the
    /// change it records, or not at all.
    /// </summary>
    void Add(AuditEntry entry);

    /// <summary>
    /// Stores the event at once, by itself: for refusals, which change nothing that a transaction could carry. Callers
    /// pass <see cref="CancellationToken.None"/> when a client that hangs up must not erase the event.
    /// </summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>An HMAC of a normalized email: records attempts on an email that may hold no account without storing it.</summary>
    string EmailFingerprint(string normalizedEmail);
}
