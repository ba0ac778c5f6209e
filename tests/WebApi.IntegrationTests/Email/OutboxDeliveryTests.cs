using System.Net;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Email;

/// <summary>The outbox and its dispatcher against real PostgreSQL and a real SMTP server that goes down and comes back.</summary>
public sealed class OutboxDeliveryTests : ApiTestBase
{
    private const string Email = "alice@example.com";

    [Test]
    public async Task Dispatcher_AfterSending_MarksTheEmailSentAndClearsItsBody()
    {
        using var register = await Api.RegisterAsync(Email);
        await Mail.WaitForAsync(Email);

        await WaitUntilAsync("select count(*) from outbox_emails where sent_at is not null", 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from outbox_emails where text_body is null and html_body is null"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("select to_address from outbox_emails"), Is.EqualTo(Email));
            Assert.That(await Database.ScalarAsync<int>("select attempts from outbox_emails"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Dispatcher_WhileSmtpIsDown_RetriesLaterAndDeliversExactlyOnce()
    {
        Mail.Stop();
        using var register = await Api.RegisterAsync(Email);
        await WaitUntilAsync("select count(*) from outbox_emails where attempts >= 1 and last_error is not null", 1);
        var pending = await Database.ScalarAsync<long>("select count(*) from outbox_emails where sent_at is null and text_body is not null");

        Mail.Start();
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var received = await Mail.WaitForAsync(Email);
        await WaitUntilAsync("select count(*) from outbox_emails where sent_at is not null", 1);

        // Several more dispatcher rounds run; none may send the email again.
        await Task.Delay(300);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pending, Is.EqualTo(1), "the email waited in the outbox while SMTP was down");
            Assert.That(Mail.To(Email), Has.Count.EqualTo(1));
            Assert.That(received[0].Subject, Is.EqualTo("Verify your email for AuthFlow"));
            Assert.That(await Database.ScalarAsync<int>("select attempts from outbox_emails"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<string>("select last_error from outbox_emails"), Is.Null);
        }
    }

    [Test]
    public async Task Dispatcher_WhileSmtpIsDown_BacksOffBeforeTheNextAttempt()
    {
        Mail.Stop();
        using var register = await Api.RegisterAsync(Email);
        await WaitUntilAsync("select count(*) from outbox_emails where attempts >= 1", 1);

        // Without the clock moving, further rounds find nothing due: the wait is 60 s (Email:Dispatcher:RetryBaseSeconds).
        await Task.Delay(300);
        var waited = await Database.ScalarAsync<double>(
            "select extract(epoch from next_attempt_at - created_at)::float8 from outbox_emails");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<int>("select attempts from outbox_emails"), Is.EqualTo(1));
            Assert.That(waited, Is.GreaterThanOrEqualTo(60));
            Assert.That(await Database.ScalarAsync<string>("select last_error from outbox_emails"), Does.Not.Contain("correct horse"));
        }
    }

    [Test]
    public async Task Dispatchers_RunningConcurrently_SendEachEmailExactlyOnce()
    {
        const int count = 40;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
            for (var i = 0; i < count; i++)
            {
                db.OutboxEmails.Add(OutboxEmail.Create($"user{i}@example.com", new EmailContent($"Message {i}", "text", "<p>html</p>"), Factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        // Three more dispatchers over the same outbox, besides the one the host runs.
        var dispatchers = Enumerable.Range(0, 3)
            .Select(_ => ActivatorUtilities.CreateInstance<OutboxEmailDispatcher>(Factory.Services))
            .ToList();
        await Task.WhenAll(dispatchers.Select(d => Task.Run(async () =>
        {
            while (await d.DispatchDueAsync(CancellationToken.None) > 0)
            {
            }
        })));
        await WaitUntilAsync("select count(*) from outbox_emails where sent_at is not null", count);
        await Task.Delay(300);

        var subjects = Mail.Messages.Select(m => m.Subject).Where(s => s?.StartsWith("Message ", StringComparison.Ordinal) == true).ToList();
        Assert.That(subjects, Has.Count.EqualTo(count));
        Assert.That(subjects, Is.Unique);
    }

    [Test]
    public async Task Dispatcher_AfterARestart_SendsWhatWasLeftInTheOutbox()
    {
        Mail.Stop();
        using var register = await Api.RegisterAsync(Email);
        await WaitUntilAsync("select count(*) from outbox_emails where attempts >= 1", 1);
        Mail.Start();

        // A new process: a fresh host over the same database picks the email up once it is due.
        await using var restarted = Factory.WithWebHostBuilder(_ => { });
        using var client = restarted.CreateClient();
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var received = await Mail.WaitForAsync(Email);
        await Task.Delay(300);
        Assert.That(Mail.To(Email), Has.Count.EqualTo(1));
        Assert.That(received[0].Subject, Is.EqualTo("Verify your email for AuthFlow"));
    }

    private async Task WaitUntilAsync(string countQuery, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        long actual;
        while ((actual = await Database.ScalarAsync<long>(countQuery)) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Assert.That(actual, Is.GreaterThanOrEqualTo(expected), countQuery);
    }
}
