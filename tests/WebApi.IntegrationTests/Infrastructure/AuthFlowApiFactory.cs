using AuthFlow.Infrastructure.Sessions;
using AuthFlow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The real WebApi (Program) on an in-memory server, against the test PostgreSQL database. A test that needs other
/// settings (low rate limits, a tiny hashing gate) builds its own with <paramref name="settings"/> and
/// <paramref name="configureServices"/>, and disposes it. Every host mails to the run's in-process SMTP server.
/// </summary>
public sealed class AuthFlowApiFactory(
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public TestClock Clock { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>The in-process SMTP server the dispatcher delivers to; the dispatcher looks for work every 50 ms.</summary>
    public static Dictionary<string, string?> EmailSettings(int smtpPort) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:From"] = "AuthFlow Tests <no-reply@authflow.test>",
        ["Email:Smtp:TimeoutSeconds"] = "5",
        ["Email:Dispatcher:PollIntervalMilliseconds"] = "50",
        ["Email:Dispatcher:BatchSize"] = "5",
        ["Email:Dispatcher:RetryBaseSeconds"] = "60",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestSettings.For(connectionString).Concat(EmailSettings(TestHost.Mail.Port)).Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, OpenApiContractStartupFilter>();
            configureServices?.Invoke(services);
        });
    }

    /// <summary>Waits until this host listens for session revocations, so that a test knows it cannot miss one.</summary>
    public async Task WaitUntilListeningAsync()
    {
        var listener = Services.GetRequiredService<SessionRevocationListener>();
        Assert.That(await EventuallyAsync(() => listener.IsListening, TimeSpan.FromSeconds(10)), Is.True, "the session revocation listener never connected");
    }

    /// <summary>Waits, at most <paramref name="within"/>, until this host refuses the access tokens of <paramref name="sessionId"/>.</summary>
    public Task<bool> WaitUntilRevokedAsync(Guid sessionId, TimeSpan within) =>
        EventuallyAsync(() => Services.GetRequiredService<RevokedSessionCache>().IsRevoked(sessionId), within);

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
