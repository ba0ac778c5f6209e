using System.Diagnostics;
using AuthFlow.TestSupport;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>The real process, started as an operator would: a bad setting stops it with a message naming the setting.</summary>
public sealed class StartupTests
{
    [TestCase("Jwt__SigningKey", "", "Jwt:SigningKey")]
    [TestCase("Jwt__SigningKey", "too-short-a-key", "Jwt:SigningKey")]
    [TestCase("PasswordHashing__WorkFactor", "3", "PasswordHashing:WorkFactor")]
    [TestCase("ConnectionStrings__AuthFlow", "", "ConnectionStrings:AuthFlow")]
    [TestCase("Jwt__Issuer", "", "Jwt:Issuer")]
    [TestCase("Email__ResetUrl", "", "Email:ResetUrl")]
    [TestCase("Email__Smtp__Security", "Tls", "Email:Smtp:Security")]
    public async Task Startup_WithMissingOrWeakSetting_ExitsNamingIt(string variable, string value, string setting)
    {
        var result = await RunWebApiAsync(new Dictionary<string, string> { [variable] = value });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("AuthFlow cannot start").And.Contain(setting));
            Assert.That(result.Output, Does.Not.Contain("   at "), "no stack trace");
        }
    }

    [Test]
    public async Task Startup_WithSeveralBadSettings_NamesEachOne()
    {
        var result = await RunWebApiAsync(new Dictionary<string, string>
        {
            ["Jwt__SigningKey"] = "short",
            ["PasswordHashing__WorkFactor"] = "40",
        });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain("Jwt:SigningKey").And.Contain("PasswordHashing:WorkFactor"));
    }

    private static async Task<(int ExitCode, string Output)> RunWebApiAsync(Dictionary<string, string> overrides)
    {
        var webApiDll = Path.Combine(AppContext.BaseDirectory, "AuthFlow.WebApi.dll");
        var start = new ProcessStartInfo("dotnet", [webApiDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in TestSettings.For("Host=127.0.0.1;Port=1;Database=unused"))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in overrides)
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
            Assert.Fail("The WebApi kept running although its configuration is invalid.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
