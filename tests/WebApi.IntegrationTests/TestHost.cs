using AuthFlow.Infrastructure;
using AuthFlow.TestSupport;

using AuthFlow.WebApi.IntegrationTests.Infrastructure;

// In the root namespace so that the set-up fixture covers every test of the assembly.
namespace AuthFlow.WebApi.IntegrationTests;

/// <summary>Owns the database and the application for the whole run; every test starts from empty tables.</summary>
[SetUpFixture]
public sealed class TestHost
{
    public static PostgresTestDatabase Database { get; private set; } = null!;

    public static AuthFlowApiFactory Factory { get; private set; } = null!;

    public static TestMailServer Mail { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync("authflow_it_webapi");
        Mail = new TestMailServer();
        Mail.Start();
        Factory = new AuthFlowApiFactory(Database.ConnectionString);
        await Factory.Services.MigrateDatabaseAsync();
        using var client = Factory.CreateClient();
        OpenApiContract.Current = OpenApiContract.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // Answers from tests outside ApiTestBase, held to the document too.
        Assert.That(OpenApiContract.Violations, Is.Empty, "answers that the OpenAPI document does not describe");
        await Factory.DisposeAsync();
        Mail.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>Base for HTTP tests: empty database and mailbox, SMTP up, clock at real time, a fresh client.</summary>
public abstract class ApiTestBase
{
    protected AuthFlowApiFactory Factory => TestHost.Factory;

    protected PostgresTestDatabase Database => TestHost.Database;

    protected TestMailServer Mail => TestHost.Mail;

    protected AuthFlowClient Api { get; private set; } = null!;

    [SetUp]
    public async Task ResetStateAsync()
    {
        await Database.ResetAsync();
        Mail.Start();
        Mail.Clear();
        Factory.Clock.Reset();
        Api = new AuthFlowClient(Factory.CreateClient());
    }

    [TearDown]
    public void DisposeClient()
    {
        Api.Dispose();
        var violations = new List<string>();
        while (OpenApiContract.Violations.TryDequeue(out var violation))
        {
            violations.Add(violation);
        }

        Assert.That(violations, Is.Empty, "answers that the OpenAPI document does not describe");
    }
}
