using System.Diagnostics;
using AuthFlow.TestSupport;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>The real WebApi process, started as an operator would, with the test settings as environment variables.</summary>
public static class WebApiProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string[] args, string connectionString, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var webApiDll = Path.Combine(AppContext.BaseDirectory, "AuthFlow.WebApi.dll");
        var start = new ProcessStartInfo("dotnet", [webApiDll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in TestSettings.For(connectionString))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The WebApi ({string.Join(' ', args)}) kept running instead of exiting.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
