using System.Diagnostics;
using AuthFlow.Application.Common.Telemetry;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AuthFlow.Infrastructure.Email;

/// <summary>
/// Sends the outbox. Each round claims a batch of due emails with <c>FOR UPDATE SKIP LOCKED</c> inside a transaction,
/// sends them, records the outcome and commits, so that concurrent dispatchers (other instances) never send the same
/// email at the same time. A failed send is retried with exponential back-off; a restart resumes from the table.
/// An email whose send succeeded but whose commit was lost (a crash in between) is sent again: delivery is at least once.
/// </summary>
public sealed partial class OutboxEmailDispatcher(
    IServiceScopeFactory scopeFactory,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    AuthFlowMetrics metrics,
    ILogger<OutboxEmailDispatcher> logger) : BackgroundService
{
    /// <summary>How often, at most, the backlog gauges are refreshed when there is nothing to send.</summary>
    public static readonly TimeSpan BacklogSampleInterval = TimeSpan.FromSeconds(15);

    private DateTimeOffset _backlogSampledAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchDueAsync(stoppingToken);
                if (handled > 0 || timeProvider.GetUtcNow() - _backlogSampledAt >= BacklogSampleInterval)
                {
                    await SampleBacklogAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is unreachable or not migrated yet: try again on the next round.
                LogRoundFailed(logger, ex.GetType().Name, ex.Message);
            }

            if (handled < settings.Dispatcher.BatchSize)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.Dispatcher.PollIntervalMilliseconds), stoppingToken);
            }
        }
    }

    /// <summary>Runs one round: claims up to a batch of due emails, tries each once, and returns how many it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = timeProvider.GetUtcNow();
        var due = await db.OutboxEmails
            .FromSql($"""
                SELECT * FROM outbox_emails
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT {settings.Dispatcher.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // The claim above is not traced (it runs every poll); the sends and the commit that records them are.
        using var activity = AuthFlowTelemetry.Source.StartActivity("OutboxDispatch");
        activity?.SetTag("authflow.outbox.batch_size", due.Count);
        await SendAllAsync(due, settings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Counts the pending emails for the backlog gauges (one indexed aggregate query).</summary>
    public async Task SampleBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
        var pending = db.OutboxEmails.Where(e => e.SentAt == null && e.FailedAt == null);
        var count = await pending.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await pending.MinAsync(e => (DateTimeOffset?)e.CreatedAt, cancellationToken);
        metrics.OutboxSampled(count, oldest);
        _backlogSampledAt = timeProvider.GetUtcNow();
    }

    private async Task SendAllAsync(List<OutboxEmail> due, EmailOptions settings, CancellationToken cancellationToken)
    {
        IEmailConnection connection;
        try
        {
            connection = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var email in due)
            {
                RecordFailure(email, ex, settings);
            }

            return;
        }

        await using (connection)
        {
            foreach (var email in due)
            {
                // An outgoing SMTP call: the email's id and attempt, never its address, subject or body (they carry tokens).
                using var send = AuthFlowTelemetry.Source.StartActivity("smtp send", ActivityKind.Client);
                send?.SetTag(AuthFlowTelemetry.Attributes.EmailId, email.Id);
                send?.SetTag(AuthFlowTelemetry.Attributes.EmailAttempt, email.Attempts + 1);
                try
                {
                    await connection.SendAsync(ToMessage(email, settings), cancellationToken);
                    email.MarkSent(timeProvider.GetUtcNow());
                    LogSent(logger, email.Id, email.Attempts);
                    send?.SetTag(AuthFlowTelemetry.Attributes.EmailOutcome, "sent");
                    metrics.EmailAttempted("sent");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RecordFailure(email, ex, settings);
                    send?.SetStatus(ActivityStatusCode.Error);
                    send?.SetTag(AuthFlowTelemetry.Attributes.ErrorType, ex.GetType().FullName);
                    send?.SetTag(AuthFlowTelemetry.Attributes.EmailOutcome, email.FailedAt is null ? "retry" : "failed");
                }
            }
        }
    }

    private void RecordFailure(OutboxEmail email, Exception ex, EmailOptions settings)
    {
        // The type and message only: SMTP errors name the server's reply, never the credentials or the body.
        email.MarkFailed($"{ex.GetType().Name}: {ex.Message}", timeProvider.GetUtcNow(), settings.Dispatcher);
        metrics.EmailAttempted(email.FailedAt is null ? "retry" : "failed");
        if (email.FailedAt is not null)
        {
            LogGaveUp(logger, email.Id, email.Attempts, email.LastError!);
        }
        else
        {
            LogWillRetry(logger, email.Id, email.Attempts, email.NextAttemptAt, email.LastError!);
        }
    }

    private static MimeMessage ToMessage(OutboxEmail email, EmailOptions settings)
    {
        var from = MailboxAddress.Parse(settings.Smtp.From);
        var message = new MimeMessage
        {
            // Stable across retries, so that a receiver can tell a resend from a new email.
            MessageId = $"{email.Id:N}@{from.Domain}",
            Date = email.CreatedAt,
            Subject = email.Subject,
            Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox email {EmailId} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, Guid emailId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox email {EmailId} not sent (attempt {Attempt}), next try at {NextAttemptAt}: {Error}")]
    private static partial void LogWillRetry(ILogger logger, Guid emailId, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox email {EmailId} given up after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid emailId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch round failed ({ExceptionType}): {Message}")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType, string message);
}
