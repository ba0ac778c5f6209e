using System.Diagnostics;
using System.Globalization;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Repositories;

/// <summary>
/// The admin user search is index-backed: on a large generated table (200,000 users by default;
/// <c>AUTHFLOW_EXPLAIN_USERS=1000000 build/test.sh --filter UserDirectoryPlanTests</c> for a million), the exact SQL
/// that EF Core sends is explained, and no plan reads the users table sequentially.
/// </summary>
[NonParallelizable]
public sealed class UserDirectoryPlanTests : DatabaseTestBase
{
    private static readonly int UserCount =
        int.TryParse(Environment.GetEnvironmentVariable("AUTHFLOW_EXPLAIN_USERS"), CultureInfo.InvariantCulture, out var n) ? n : 200_000;

    private Guid _middleId;

    [SetUp]
    public async Task GenerateUsersAsync()
    {
        await Database.ExecuteAsync(
            """
            INSERT INTO users (id, username, email, normalized_email, password_hash, created_at, email_verified_at, disabled_at)
            SELECT gen_random_uuid(), 'user' || i, 'User' || i || '@example.com', 'user' || i || '@example.com', 'x', now(),
                   CASE WHEN i % 3 <> 0 THEN now() END, CASE WHEN i % 500 = 0 THEN now() END
            FROM generate_series(1, @n) AS i
            """,
            ("n", UserCount));
        await Database.ExecuteAsync("INSERT INTO roles (name, description) VALUES ('support', '') ON CONFLICT DO NOTHING");
        await Database.ExecuteAsync("INSERT INTO user_roles (user_id, role_name, granted_at) SELECT id, 'support', now() FROM users WHERE username LIKE 'user1%' LIMIT 200");
        await Database.ExecuteAsync("ANALYZE users; ANALYZE user_roles");
        _middleId = await Database.ScalarAsync<Guid>("SELECT id FROM users ORDER BY id OFFSET @o LIMIT 1", ("o", UserCount / 2));
    }

    [TestCase(null, null, null, false, TestName = "First page, no filter")]
    [TestCase(null, null, null, true, TestName = "A later page, no filter")]
    [TestCase("user12345", null, null, false, TestName = "Email or username prefix")]
    [TestCase("user12", null, null, true, TestName = "Prefix, a later page")]
    [TestCase(null, "support", null, true, TestName = "Role filter")]
    [TestCase(null, null, "disabled", false, TestName = "Status filter")]
    public async Task Search_IsIndexBacked(string? prefix, string? role, string? status, bool afterCursor)
    {
        var search = new UserSearch(prefix, role, status, afterCursor ? _middleId : null, 50);

        var (sql, parameters) = await CaptureSqlAsync(search);
        var plan = await ExplainAsync(sql, parameters);

        await TestContext.Out.WriteLineAsync($"{UserCount:N0} users\n{sql}\n{plan}");
        Assert.That(plan, Does.Not.Contain("Seq Scan on users"), plan);
        Assert.That(plan, Does.Contain("Index"), plan);
    }

    private static async Task<(string Sql, List<NpgsqlParameter> Parameters)> CaptureSqlAsync(UserSearch search)
    {
        using var capture = new CommandCapture();
        await using (var scope = NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUserDirectory>().SearchAsync(search, CancellationToken.None);
        }

        return capture.Commands.Single(c => c.Sql.Contains("FROM users", StringComparison.Ordinal));
    }

    private static async Task<string> ExplainAsync(string sql, List<NpgsqlParameter> parameters)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, connection);
        command.Parameters.AddRange(parameters.ToArray());
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>Every command EF Core executes while it lives, as EF's diagnostic events report it.</summary>
    private sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _subscription;
        private readonly List<IDisposable> _listeners = [];

        public CommandCapture() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

        /// <summary>Copies: Npgsql recycles a command once EF Core disposes it.</summary>
        public List<(string Sql, List<NpgsqlParameter> Parameters)> Commands { get; } = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                var parameters = data.Command.Parameters.Cast<NpgsqlParameter>()
                    .Select(p => new NpgsqlParameter(p.ParameterName, p.NpgsqlDbType) { Value = p.Value }).ToList();
                lock (Commands)
                {
                    Commands.Add((data.Command.CommandText, parameters));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
