using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Infrastructure.Persistence;

/// <summary>
/// Failures that an outage or a hostile client can repeat thousands of times a second (the database unavailable, a
/// malformed request refused): one warning line each, without a stack trace, and at most one line per second for
/// each kind, the line that is written counting the ones that were not. Neither can fill a disk.
/// </summary>
public sealed partial class FailureLog(TimeProvider timeProvider, ILogger<FailureLog> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>A database outage of <paramref name="kind"/> (e.g. "timeout") met by <paramref name="source"/> (a route or a background task).</summary>
    public void DatabaseUnavailable(string kind, string source)
    {
        if (TryWrite("db:" + kind, out var suppressed))
        {
            LogDatabaseUnavailable(logger, kind, source, suppressed);
        }
    }

    /// <summary>A request refused with <paramref name="status"/> because of how it was sent (<paramref name="reason"/>).</summary>
    public void RequestRejected(int status, string reason, string source)
    {
        if (TryWrite("http:" + status, out var suppressed))
        {
            LogRequestRejected(logger, status, reason, source, suppressed);
        }
    }

    private bool TryWrite(string key, out long suppressed)
    {
        var now = timeProvider.GetTimestamp();
        var counter = _counters.GetOrAdd(key, _ => new Counter());
        lock (counter)
        {
            if (counter.LastWritten != 0 && timeProvider.GetElapsedTime(counter.LastWritten, now) < Window)
            {
                counter.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = counter.Suppressed;
            counter.Suppressed = 0;
            counter.LastWritten = now;
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Database unavailable ({Kind}) in {Source}; {Suppressed} more such failures since the last line")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string kind, string source, long suppressed);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Request refused with {Status} ({Reason}) in {Source}; {Suppressed} more such refusals since the last line")]
    private static partial void LogRequestRejected(ILogger logger, int status, string reason, string source, long suppressed);

    private sealed class Counter
    {
        public long LastWritten;
        public long Suppressed;
    }
}
