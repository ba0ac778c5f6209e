using AuthFlow.Infrastructure.Persistence;
using Npgsql;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence;

/// <summary>The bounds the service puts on every connection string it opens.</summary>
public sealed class DatabaseOptionsTests
{
    [Test]
    public void BoundedConnectionString_AppliesTheTimeoutsAndAutomaticPreparation()
    {
        var options = new DatabaseOptions
        {
            ConnectionString = "Host=db;Database=authflow;Username=app;Timeout=60;Command Timeout=60",
            ConnectTimeoutSeconds = 4,
            CommandTimeoutSeconds = 6,
            MaxAutoPrepare = 20,
        };

        var bounded = new NpgsqlConnectionStringBuilder(options.BoundedConnectionString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bounded.Host, Is.EqualTo("db"));
            Assert.That(bounded.Timeout, Is.EqualTo(4));
            Assert.That(bounded.CommandTimeout, Is.EqualTo(6));
            Assert.That(bounded.CancellationTimeout, Is.EqualTo(-1));
            Assert.That(bounded.MaxAutoPrepare, Is.EqualTo(20));
        }
    }

    [Test]
    public void BoundedConnectionString_ByDefault_PreparesTheHotStatements()
    {
        var bounded = new NpgsqlConnectionStringBuilder(new DatabaseOptions { ConnectionString = "Host=db" }.BoundedConnectionString());

        Assert.That(bounded.MaxAutoPrepare, Is.EqualTo(20));
    }

    [Test]
    public void BoundedConnectionString_WithZero_PreparesNothing()
    {
        var options = new DatabaseOptions { ConnectionString = "Host=db", MaxAutoPrepare = 0 };

        Assert.That(new NpgsqlConnectionStringBuilder(options.BoundedConnectionString()).MaxAutoPrepare, Is.Zero);
    }

    [Test]
    public void BoundedConnectionString_ByDefault_SkipsTheResetOfPooledConnections()
    {
        var bounded = new NpgsqlConnectionStringBuilder(new DatabaseOptions { ConnectionString = "Host=db" }.BoundedConnectionString());

        Assert.That(bounded.NoResetOnClose, Is.True);
    }

    [Test]
    public void BoundedConnectionString_WithResetPooledConnections_ResetsThem()
    {
        var options = new DatabaseOptions { ConnectionString = "Host=db;No Reset On Close=true", ResetPooledConnections = true };

        Assert.That(new NpgsqlConnectionStringBuilder(options.BoundedConnectionString()).NoResetOnClose, Is.False);
    }
}
