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

    [Test]
    public void BoundedConnectionString_ByDefault_CapsThePoolAtTheMeasuredSize()
    {
        // Npgsql's own default is 100; the connection string's value gives way to Database:MaxPoolSize, as the timeouts do.
        var bounded = new NpgsqlConnectionStringBuilder(
            new DatabaseOptions { ConnectionString = "Host=db;Maximum Pool Size=50" }.BoundedConnectionString());

        Assert.That(bounded.MaxPoolSize, Is.EqualTo(12));
    }

    [Test]
    public void BoundedConnectionString_WithAMinimumAboveTheMaximum_KeepsTheMinimum()
    {
        var options = new DatabaseOptions { ConnectionString = "Host=db;Minimum Pool Size=20", MaxPoolSize = 8 };

        var bounded = new NpgsqlConnectionStringBuilder(options.BoundedConnectionString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bounded.MaxPoolSize, Is.EqualTo(20), "Npgsql refuses every open when the minimum exceeds the maximum");
            Assert.That(bounded.MinPoolSize, Is.EqualTo(20));
        }
    }
}
