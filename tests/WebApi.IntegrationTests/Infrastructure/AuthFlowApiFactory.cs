using AuthFlow.Infrastructure.Sessions;
using AuthFlow.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>The real WebApi (Program) on an in-memory server, against the test PostgreSQL database.</summary>
/// <remarks><paramref name="settings"/> override the test settings, for hosts that need another policy.</remarks>
public sealed class AuthFlowApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestSettings.For(connectionString).Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Waits until this host listens for session revocations, so that a test knows it cannot miss one.</summary>
    public async Task WaitUntilListeningAsync()
    {
        var listener = Services.GetRequiredService<SessionRevocationListener>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!listener.IsListening)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "the session revocation listener never connected");
            await Task.Delay(20);
        }
    }

    /// <summary>True once this host refuses the access tokens of <paramref name="sessionId"/>.</summary>
    public bool HasRevoked(Guid sessionId) => Services.GetRequiredService<RevokedSessionCache>().IsRevoked(sessionId);
}
