using System.Diagnostics;

namespace AuthFlow.TestSupport;

/// <summary>
/// The PostgreSQL server the test databases are made on: <c>AUTHFLOW_TEST_POSTGRES</c> when it is set (build/test.sh
/// sets it, or a developer points it at a server of their own); otherwise a throwaway cluster this test process starts
/// with the same script build/test.sh uses (<c>build/test-postgres.sh</c>) and removes when it exits, so that a bare
/// <c>dotnet test</c> works on a fresh machine.
/// </summary>
public static class ThrowawayPostgres
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the server's <c>postgres</c> database, as superuser.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable) is { Length: > 0 } configured
            ? configured
            : Started.Value;

    private static string Start()
    {
        var script = FindScript();
        var (exitCode, output) = RunScript(script, "start");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var parts = last.Split(' ', 2);
        if (exitCode != 0 || parts.Length != 2 || !int.TryParse(parts[0], out var port))
        {
            throw new InvalidOperationException(
                $"{script} could not start a throwaway PostgreSQL (exit {exitCode}): {output}. " +
                $"Set {PostgresTestDatabase.ServerVariable} to a server connection string to use an existing server.");
        }

        var dataDirectory = parts[1];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript(script, "stop", dataDirectory);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "build", "test-postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"build/test-postgres.sh was not found above {AppContext.BaseDirectory}; set {PostgresTestDatabase.ServerVariable} instead.");
    }

    private static (int ExitCode, string Output) RunScript(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(script))!,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        // Installing Debian's package on a fresh machine can take minutes.
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
