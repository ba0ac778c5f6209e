using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Every log line the test host writes, so that tests can check what never appears in logs. A line within a request
/// ends with the trace id the host's logging scope gave it (<c>TraceId=...</c>), as the console formatter prints it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private string TraceIdSuffix()
    {
        string? traceId = null;
        _scopes?.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values
                    && values.FirstOrDefault(v => v.Key == "TraceId").Value is { } id)
                {
                    traceId = id.ToString();
                }
            },
            (object?)null);
        return traceId is null ? "" : $" TraceId={traceId}";
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{category}: {formatter(state, exception)} {exception}{owner.TraceIdSuffix()}");
    }
}
