using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>The real process, started as an operator would: a bad setting stops it with a message naming the setting.</summary>
public sealed class StartupTests
{
    [TestCase("Jwt__KeyEncryptionKey", "", "Jwt:KeyEncryptionKey")]
    [TestCase("Jwt__KeyEncryptionKey", "c2l4dGVlbi1ieXRlcy1rZXk=", "Jwt:KeyEncryptionKey")]
    [TestCase("Jwt__KeyEncryptionKey", "not base64 at all!", "Jwt:KeyEncryptionKey")]
    [TestCase("Jwt__Algorithm", "PS256", "Jwt:Algorithm")]
    [TestCase("Jwt__Algorithm", "none", "Jwt:Algorithm")]
    [TestCase("Jwt__Keys__PublishLeadMinutes", "1", "Jwt:Keys:PublishLeadMinutes")]
    [TestCase("Jwt__Keys__RotationDays", "0", "Jwt:Keys:RotationDays")]
    [TestCase("PasswordHashing__WorkFactor", "3", "PasswordHashing:WorkFactor")]
    [TestCase("ConnectionStrings__AuthFlow", "", "ConnectionStrings:AuthFlow")]
    [TestCase("Jwt__Issuer", "", "Jwt:Issuer")]
    [TestCase("Sessions__RefreshReuseGraceSeconds", "61", "Sessions:RefreshReuseGraceSeconds")]
    [TestCase("Sessions__IdleTimeoutMinutes", "0", "Sessions:IdleTimeoutMinutes")]
    [TestCase("Retention__Days", "0", "Retention:Days")]
    [TestCase("PasswordHashing__Pepper", "", "PasswordHashing:Pepper")]
    [TestCase("PasswordPolicy__MinLength", "4", "PasswordPolicy:MinLength")]
    [TestCase("LoginThrottling__FreeAttempts", "0", "LoginThrottling:FreeAttempts")]
    [TestCase("RateLimiting__LoginPerIp__PermitLimit", "0", "RateLimiting:LoginPerIp:PermitLimit")]
    [TestCase("RateLimiting__LoginPerEmail__PermitLimit", "5", "RateLimiting:LoginPerEmail is not a rate-limit policy")]
    [TestCase("ForwardedHeaders__KnownProxies__0", "not-an-address", "ForwardedHeaders:KnownProxies")]
    [TestCase("Email__ResetUrl", "", "Email:ResetUrl")]
    [TestCase("Email__Smtp__Security", "Tls", "Email:Smtp:Security")]
    [TestCase("Telemetry__Prometheus__Port", "0", "Telemetry:Prometheus:Port")]
    [TestCase("Telemetry__ServiceName", "", "Telemetry:ServiceName")]
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

    [TestCase("")]
    [TestCase("too-short-a-key")]
    public async Task Startup_WithHs256AndAMissingOrWeakSigningKey_ExitsNamingIt(string signingKey)
    {
        var result = await RunWebApiAsync(new Dictionary<string, string> { ["Jwt__Algorithm"] = "HS256", ["Jwt__SigningKey"] = signingKey });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
            Assert.That(result.Output, Does.Contain("AuthFlow cannot start").And.Contain("Jwt:SigningKey"));
        }
    }

    [Test]
    public async Task Startup_WithSeveralBadSettings_NamesEachOne()
    {
        var result = await RunWebApiAsync(new Dictionary<string, string>
        {
            ["Jwt__KeyEncryptionKey"] = "short",
            ["PasswordHashing__WorkFactor"] = "40",
        });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain("Jwt:KeyEncryptionKey").And.Contain("PasswordHashing:WorkFactor"));
    }

    private static Task<(int ExitCode, string Output)> RunWebApiAsync(Dictionary<string, string> overrides) =>
        WebApiProcess.RunAsync(["--urls", "http://127.0.0.1:0"], "Host=127.0.0.1;Port=1;Database=unused", overrides);
}
