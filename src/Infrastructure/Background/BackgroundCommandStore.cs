using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Auth.Commands.SendVerificationEmail;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Infrastructure.Background;

/// <summary>
/// Stores each background command as a <see cref="BackgroundRequest"/> row (one INSERT, whatever the command will find,
/// so the answer's timing tells nothing), then wakes <see cref="BackgroundCommandRunner"/>.
/// </summary>
internal sealed class BackgroundCommandStore(AuthFlowDbContext db, BackgroundCommandSignal signal, TimeProvider timeProvider) : IBackgroundCommands
{
    public const string PasswordReset = "password_reset";
    public const string EmailVerification = "email_verification";

    public async Task EnqueueAsync(ICommand<Result<Unit>> command, CancellationToken cancellationToken)
    {
        var request = command switch
        {
            SendPasswordResetCommand reset => BackgroundRequest.Create(PasswordReset, reset.Email, timeProvider.GetUtcNow()),
            SendVerificationEmailCommand verify => BackgroundRequest.Create(EmailVerification, verify.Email, timeProvider.GetUtcNow()),
            _ => throw new NotSupportedException($"{command.GetType().Name} cannot be stored as a background request."),
        };

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO background_requests (id, kind, email, requested_at, attempts, next_attempt_at)
            VALUES ({request.Id}, {request.Kind}, {request.Email}, {request.RequestedAt}, 0, {request.NextAttemptAt})
            """,
            cancellationToken);
        signal.Wake();
    }

    public static ICommand<Result<Unit>>? ToCommand(BackgroundRequest request) => request.Kind switch
    {
        PasswordReset => new SendPasswordResetCommand(request.Email),
        EmailVerification => new SendVerificationEmailCommand(request.Email),
        _ => null,
    };
}

/// <summary>Wakes the runner when a request is stored on this instance; requests of other instances are found by polling.</summary>
internal sealed class BackgroundCommandSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>
/// Runs the stored requests that are due, oldest first, each in a scope of its own. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so instances share the work; a request whose instance crashed before deleting it
/// runs again (the commands are idempotent within their resend cooldown).
/// </summary>
internal sealed partial class BackgroundCommandRunner(
    BackgroundCommandSignal signal,
    IServiceScopeFactory scopeFactory,
    FailureLog failureLog,
    TimeProvider timeProvider,
    ILogger<BackgroundCommandRunner> logger) : BackgroundService
{
    public const int BatchSize = 20;
    public const int MaxAttempts = 10;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.TransientKind(ex) is { } kind)
            {
                failureLog.DatabaseUnavailable(kind, "background requests");
            }

            if (handled < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Runs one batch of due requests; returns how many it took.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var due = await db.BackgroundRequests
            .FromSql($"""
                SELECT * FROM background_requests WHERE next_attempt_at <= {now}
                ORDER BY next_attempt_at, id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        foreach (var request in due)
        {
            if (await TryRunAsync(request, cancellationToken) || request.Attempts + 1 >= MaxAttempts)
            {
                db.BackgroundRequests.Remove(request);
            }
            else
            {
                request.Failed(timeProvider.GetUtcNow());
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task<bool> TryRunAsync(BackgroundRequest request, CancellationToken cancellationToken)
    {
        if (BackgroundCommandStore.ToCommand(request) is not { } command)
        {
            LogUnknown(logger, request.Kind);
            return false;
        }

        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never the command itself: it holds an email address. The type and message say what went wrong.
            LogFailed(logger, request.Kind, request.Attempts + 1, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background request {Kind} failed (attempt {Attempt}, {ExceptionType}): {Message}")]
    private static partial void LogFailed(ILogger logger, string kind, int attempt, string exceptionType, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background request of unknown kind {Kind}")]
    private static partial void LogUnknown(ILogger logger, string kind);
}
