using System.Data.Common;
using AuthFlow.Infrastructure;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.WebApi;

/// <summary>
/// <c>AuthFlow.WebApi migrate</c>: applies the pending migrations with the service's own configuration, then exits
/// without starting the web server. Run it once per deployment, before the replicas start, so that they never race a
/// migration. 0: the schema is current; an unreachable database fails like any start-up error.
/// </summary>
internal static class MigrateCommandLine
{
    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        try
        {
            return await MigrateAsync(services, output);
        }
        catch (Exception ex) when (ex is DbException || ex.InnerException is DbException)
        {
            // The reason only: a connection error names the host, never the password.
            await error.WriteLineAsync($"migrate: the database could not be migrated: {(ex as DbException ?? ex.InnerException)!.Message}");
            return 1;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output)
    {
        IReadOnlyList<string> pending;
        await using (var scope = services.CreateAsyncScope())
        {
            pending = [.. await scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>().Database.GetPendingMigrationsAsync()];
        }

        await services.MigrateDatabaseAsync();
        await output.WriteLineAsync(pending.Count == 0
            ? "migrate: the database schema is up to date; nothing to apply."
            : $"migrate: applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return 0;
    }
}
