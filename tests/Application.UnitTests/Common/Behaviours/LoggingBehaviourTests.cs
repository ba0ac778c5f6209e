using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Behaviours;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Application.UnitTests.Common.Behaviours;

[TestFixture]
public sealed class LoggingBehaviourTests
{
    private const string SecretPassword = "p4ssw0rd-that-must-not-leak";
    private const string Email = "alice@example.com";

    private static readonly LoginResult Success = new(
        new UserDto(Guid.CreateVersion7(), "alice", Email, TestData.Now, EmailVerified: false),
        new TokenPair("access-token-value", "refresh-token-value", 900));

    private RecordingLogger<LoggingBehaviour<LoginCommand, Result<LoginResult>>> _logger = null!;

    [SetUp]
    public void SetUp() => _logger = new RecordingLogger<LoggingBehaviour<LoginCommand, Result<LoginResult>>>();

    [Test]
    public async Task Handle_WhenTheHandlerFails_LogsTheErrorCodeAsInformation()
    {
        await CreateBehaviour().Handle(Command(), Returning(AuthErrors.InvalidCredentials), CancellationToken.None);

        Assert.That(_logger.Entries, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_logger.Entries[0].Level, Is.EqualTo(LogLevel.Information));
            Assert.That(_logger.Entries[0].Message, Does.StartWith("LoginCommand failed with invalid_credentials in "));
        }
    }

    [Test]
    public async Task Handle_WhenTheHandlerSucceeds_LogsAtDebug()
    {
        await CreateBehaviour().Handle(Command(), Returning(Success), CancellationToken.None);

        Assert.That(_logger.Entries, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_logger.Entries[0].Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(_logger.Entries[0].Message, Does.StartWith("LoginCommand handled in "));
        }
    }

    [Test]
    public async Task Handle_Always_ReturnsTheHandlersResponse()
    {
        Result<LoginResult> response = AuthErrors.InvalidCredentials;

        var result = await CreateBehaviour().Handle(Command(), (_, _) => ValueTask.FromResult(response), CancellationToken.None);

        Assert.That(result, Is.SameAs(response));
    }

    [Test]
    public async Task Handle_Always_KeepsCredentialsAndTokensOutOfTheLog()
    {
        var behaviour = CreateBehaviour();

        await behaviour.Handle(Command(), Returning(AuthErrors.InvalidCredentials), CancellationToken.None);
        await behaviour.Handle(Command(), Returning(Success), CancellationToken.None);

        var logged = string.Join('\n', _logger.Entries.Select(e => e.Message + " " + string.Join(' ', e.Values)));
        Assert.That(logged, Does.Not.Contain(SecretPassword)
            .And.Not.Contain(Email)
            .And.Not.Contain("access-token-value")
            .And.Not.Contain("refresh-token-value"));
    }

    private LoggingBehaviour<LoginCommand, Result<LoginResult>> CreateBehaviour() => new(_logger);

    private static LoginCommand Command() => new(Email, SecretPassword);

    private static Mediator.MessageHandlerDelegate<LoginCommand, Result<LoginResult>> Returning(Result<LoginResult> response) =>
        (_, _) => ValueTask.FromResult(response);

    private sealed record LogEntry(LogLevel Level, string Message, IReadOnlyList<object?> Values);

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => p.Value).ToList() : [];
            Entries.Add(new LogEntry(logLevel, formatter(state, exception), values));
        }
    }
}
