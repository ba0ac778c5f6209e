using AuthFlow.TestSupport;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace so that the set-up fixture covers every test of the assembly.
namespace AuthFlow.Infrastructure.IntegrationTests;

/// <summary>Owns the database and one container of the real Infrastructure registrations for the whole run.</summary>
[SetUpFixture]
public sealed class TestHost
{
    public static PostgresTestDatabase Database { get; private set; } = null!;

    public static ServiceProvider Services { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync("authflow_it_infra");
        Services = Database.CreateInfrastructureServices();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Base for tests that touch PostgreSQL: every test starts from empty tables.</summary>
public abstract class DatabaseTestBase
{
    protected static PostgresTestDatabase Database => TestHost.Database;

    protected static ServiceProvider Services => TestHost.Services;

    [SetUp]
    public Task ResetDatabaseAsync() => Database.ResetAsync();

    /// <summary>A scope of its own, as one request would have: its own DbContext and repositories.</summary>
    protected static AsyncServiceScope NewScope() => Services.CreateAsyncScope();
}
