using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AuthFlow.TestSupport;

/// <summary>
/// A PostgreSQL cluster of a fault test's own, started with build/lib/postgres.sh in a temporary folder on a free port,
/// so the test can stop it or hang it without touching the cluster the other tests share (or anyone else's). The only
/// processes it ever signals are the postmaster named in its own data folder's <c>postmaster.pid</c> and that
/// postmaster's children. Disposing resumes them, stops the cluster and removes the folder.
/// </summary>
public sealed class DedicatedPostgresCluster : IAsyncDisposable
{
    private const string SigCont = "CONT";
    private const string SigStop = "STOP";

    private readonly string _script;
    private readonly List<int> _suspended = [];

    private DedicatedPostgresCluster(string script, string dataDirectory, int port)
    {
        _script = script;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The server's <c>postgres</c> database, for creating test databases on it.</summary>
    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<DedicatedPostgresCluster> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "build", "lib", "postgres.sh");
        var data = Directory.CreateTempSubdirectory("authflow-fault-pg.").FullName;
        var cluster = new DedicatedPostgresCluster(script, data, FreePort());
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts (or restarts) the cluster on its port and waits until it accepts connections.</summary>
    public Task StartAgainAsync() => RunAsync($"pg_start \"$1\" {Port.ToString(CultureInfo.InvariantCulture)} fast");

    /// <summary>A clean shutdown (<c>pg_ctl stop -m fast</c>): connections are closed and new ones refused.</summary>
    public Task StopAsync() => RunAsync("pg_stop \"$1\"");

    /// <summary>Hangs the server: SIGSTOP to its postmaster, then to each of its children. Sockets stay open.</summary>
    public void Suspend()
    {
        var postmaster = PostmasterPid();
        Signal(postmaster, SigStop);
        _suspended.Add(postmaster);
        foreach (var child in ChildrenOf(postmaster))
        {
            Signal(child, SigStop);
            _suspended.Add(child);
        }
    }

    /// <summary>SIGCONT to every process <see cref="Suspend"/> stopped.</summary>
    public void Resume()
    {
        foreach (var pid in _suspended)
        {
            // A process that has gone (the cluster was stopped meanwhile) is fine.
            _ = TrySignal(pid, SigCont);
        }

        _suspended.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private int PostmasterPid()
    {
        var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();
        return int.Parse(firstLine.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The processes whose parent is <paramref name="parent"/>, from /proc/[pid]/stat.</summary>
    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // pid (comm) state ppid ...: the command may hold spaces or parentheses, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process has gone.
            }
        }

        return children;
    }

    private static void Signal(int pid, string signal)
    {
        if (!TrySignal(pid, signal))
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} failed");
        }
    }

    /// <summary>Runs <c>kill -s SIGNAL PID</c> for exactly one process id.</summary>
    private static bool TrySignal(int pid, string signal)
    {
        using var process = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private async Task RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source \"$0\" && {command}", _script, DataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build", "lib", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("build/lib/postgres.sh not found above " + AppContext.BaseDirectory);
    }
}
