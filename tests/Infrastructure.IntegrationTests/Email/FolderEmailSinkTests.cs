using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace AuthFlow.Infrastructure.IntegrationTests.Email;

/// <summary>Without an SMTP host, the dispatcher delivers the outbox to the development sink folder.</summary>
public sealed class FolderEmailSinkTests : DatabaseTestBase
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("authflow-mail-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Dispatch_WithoutSmtpHost_WritesEachMessageAsAnEmlFileAndMarksItSent()
    {
        await using var services = Database.CreateInfrastructureServices(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "",
            ["Email:SinkFolder"] = _folder,
        });
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
            db.OutboxEmails.Add(OutboxEmail.Create("alice@example.com", new EmailContent("Reset your AuthFlow password", "open https://app/reset?token=abc", "<p>html</p>"), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var dispatcher = services.GetServices<IHostedService>().OfType<OutboxEmailDispatcher>().Single();
        var handled = await dispatcher.DispatchDueAsync(CancellationToken.None);

        var file = Directory.GetFiles(_folder, "*.eml").Single();
        var message = await MimeMessage.LoadAsync(file);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(handled, Is.EqualTo(1));
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("alice@example.com"));
            Assert.That(message.Subject, Is.EqualTo("Reset your AuthFlow password"));
            Assert.That(message.TextBody, Does.Contain("https://app/reset?token=abc"));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from outbox_emails where sent_at is not null and text_body is null"), Is.EqualTo(1));
        }
    }
}
