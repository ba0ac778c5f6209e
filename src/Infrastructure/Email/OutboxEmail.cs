using AuthFlow.Domain.Users;

namespace AuthFlow.Infrastructure.Email;

/// <summary>
/// One email waiting to be sent, stored in the same transaction as the token it carries. The dispatcher sends it,
/// then clears its bodies (they hold a live token) and keeps the rest as a delivery record.
/// </summary>
public sealed class OutboxEmail
{
    public const int MaxErrorLength = 500;

    private OutboxEmail(Guid id, string to, string subject, string textBody, string htmlBody, DateTimeOffset createdAt)
    {
        Id = id;
        To = to;
        ToKey = User.NormalizeEmail(to);
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    /// <summary>
    /// The key of <see cref="To"/> (<see cref="User.NormalizeEmail"/>), what erasing an account finds its emails by.
    /// Null only on an email queued before the key was stored and not yet keyed by the start-up backfill.
    /// </summary>
    public string? ToKey { get; private set; }

    public string Subject { get; private set; }

    public string? TextBody { get; private set; }

    public string? HtmlBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when the email was given up after the last allowed attempt.</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The type and message of the last failure; never credentials, never the body.</summary>
    public string? LastError { get; private set; }

    public static OutboxEmail Create(string to, EmailContent content, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), to, content.Subject, content.Text, content.Html, now);

    public void MarkSent(DateTimeOffset now)
    {
        Attempts++;
        SentAt = now;
        LastError = null;
        TextBody = null;
        HtmlBody = null;
    }

    /// <summary>Records a failed attempt and schedules the next one, doubling the wait each time, or gives up after the last.</summary>
    public void MarkFailed(string error, DateTimeOffset now, DispatcherOptions options)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (Attempts >= options.MaxAttempts)
        {
            FailedAt = now;
            TextBody = null;
            HtmlBody = null;
            return;
        }

        var backOff = Math.Min(options.RetryBaseSeconds * Math.Pow(2, Attempts - 1), options.RetryMaxSeconds);
        NextAttemptAt = now + TimeSpan.FromSeconds(backOff);
    }
}
