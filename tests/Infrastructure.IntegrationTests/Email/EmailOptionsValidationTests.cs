using AuthFlow.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.IntegrationTests.Email;

/// <summary>Email settings are checked by the validator AddInfrastructure registers, and a failure names the setting.</summary>
public sealed class EmailOptionsValidationTests
{
    [TestCase("Email:ResetUrl", "", "Email:ResetUrl")]
    [TestCase("Email:ResetUrl", "/relative/reset", "Email:ResetUrl")]
    [TestCase("Email:VerifyUrl", "javascript:alert(1)", "Email:VerifyUrl")]
    [TestCase("Email:Smtp:Security", "Tls", "Email:Smtp:Security")]
    [TestCase("Email:Smtp:Security", "1", "Email:Smtp:Security")]
    [TestCase("Email:Smtp:Port", "0", "Email:Smtp:Port")]
    [TestCase("Email:Smtp:From", "not an address", "Email:Smtp:From")]
    [TestCase("Email:Smtp:Username", "mailer", "Email:Smtp:Password")]
    [TestCase("Email:ResetTokenMinutes", "0", "Email:ResetTokenMinutes")]
    [TestCase("Email:Dispatcher:PollIntervalMilliseconds", "0", "Email:Dispatcher:PollIntervalMilliseconds")]
    public void EmailOptions_WithBadSetting_AreRejectedNamingIt(string key, string value, string named)
    {
        using var services = Services(key, value);

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain(named));
    }

    [TestCase("none", SmtpSecurity.None)]
    [TestCase("StartTls", SmtpSecurity.StartTls)]
    [TestCase("SslOnConnect", SmtpSecurity.SslOnConnect)]
    public void EmailOptions_WithSecurityName_ParseIt(string value, SmtpSecurity expected)
    {
        using var services = Services("Email:Smtp:Security", value);

        Assert.That(services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.SecurityMode, Is.EqualTo(expected));
    }

    [Test]
    public void EmailTransport_WithoutSmtpHost_IsTheDevelopmentSink()
    {
        using var services = Services("Email:Smtp:Host", "");

        Assert.That(services.GetRequiredService<IEmailTransport>().GetType().Name, Is.EqualTo("FolderEmailSink"));
    }

    [Test]
    public void EmailTransport_WithSmtpHost_IsSmtp()
    {
        using var services = Services("Email:Smtp:Host", "smtp.example.com");

        Assert.That(services.GetRequiredService<IEmailTransport>().GetType().Name, Is.EqualTo("SmtpEmailTransport"));
    }

    private static ServiceProvider Services(string key, string value) =>
        TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?> { [key] = value });
}
