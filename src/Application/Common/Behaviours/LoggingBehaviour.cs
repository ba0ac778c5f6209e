using System.Diagnostics;
using AuthFlow.Application.Common.Results;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Application.Common.Behaviours;

/// <summary>
/// Logs which use case ran, how long it took and the error code it ended with. It never logs the
/// message itself: messages carry passwords and tokens.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IOperationResult
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (response.Error is { } error)
        {
            LogFailed(logger, typeof(TMessage).Name, error.Code, elapsedMs);
        }
        else
        {
            LogHandled(logger, typeof(TMessage).Name, elapsedMs);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{MessageName} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{MessageName} failed with {ErrorCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string messageName, string errorCode, double elapsedMs);
}
