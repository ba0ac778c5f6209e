using System.Threading.Channels;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Infrastructure.Background;

/// <summary>A bounded in-memory queue of commands to run after the request was answered.</summary>
internal sealed partial class BackgroundCommandQueue(ILogger<BackgroundCommandQueue> logger) : IBackgroundCommands
{
    public const int Capacity = 1000;

    private readonly Channel<ICommand<Result<Unit>>> _channel = Channel.CreateBounded<ICommand<Result<Unit>>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<ICommand<Result<Unit>>> Reader => _channel.Reader;

    public bool TryEnqueue(ICommand<Result<Unit>> command)
    {
        // With DropWrite, a full queue accepts the write and discards it; count it as dropped.
        if (_channel.Reader.Count >= Capacity || !_channel.Writer.TryWrite(command))
        {
            LogDropped(logger, command.GetType().Name);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background queue full: {CommandName} dropped")]
    private static partial void LogDropped(ILogger logger, string commandName);
}

/// <summary>Runs the queued commands one at a time, each in a scope of its own (its own DbContext).</summary>
internal sealed partial class BackgroundCommandRunner(
    BackgroundCommandQueue queue,
    IServiceScopeFactory scopeFactory,
    ILogger<BackgroundCommandRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var command in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never the command itself: it holds an email address. The type and message say what went wrong.
                LogFailed(logger, command.GetType().Name, ex.GetType().Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background {CommandName} failed ({ExceptionType}): {Message}")]
    private static partial void LogFailed(ILogger logger, string commandName, string exceptionType, string message);
}
