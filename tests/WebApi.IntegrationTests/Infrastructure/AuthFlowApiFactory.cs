using AuthFlow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>The real WebApi (Program) on an in-memory server, against the test PostgreSQL database.</summary>
public sealed class AuthFlowApiFactory(string connectionString, int smtpPort) : WebApplicationFactory<Program>
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
        foreach (var (key, value) in TestSettings.For(connectionString).Concat(EmailSettings(smtpPort)))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
