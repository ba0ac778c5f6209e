using AuthFlow.Infrastructure.Email;

namespace AuthFlow.Infrastructure.IntegrationTests.Email;

/// <summary>The outbox row's own rules: what a send clears, and how failures back off and end.</summary>
public sealed class OutboxEmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private static readonly DispatcherOptions Dispatcher = new() { RetryBaseSeconds = 30, RetryMaxSeconds = 300, MaxAttempts = 5 };

    [Test]
    public void Create_IsDueAtOnce()
    {
        var email = Create();

        Assert.That(email.NextAttemptAt, Is.EqualTo(Now));
        Assert.That(email.Attempts, Is.Zero);
    }

    [Test]
    public void MarkSent_ClearsTheBodiesAndKeepsTheRecord()
    {
        var email = Create();

        email.MarkSent(Now.AddSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(email.SentAt, Is.EqualTo(Now.AddSeconds(1)));
            Assert.That(email.TextBody, Is.Null);
            Assert.That(email.HtmlBody, Is.Null);
            Assert.That(email.To, Is.EqualTo("alice@example.com"));
            Assert.That(email.Subject, Is.EqualTo("Subject"));
            Assert.That(email.Attempts, Is.EqualTo(1));
        }
    }

    [Test]
    public void MarkFailed_Repeatedly_DoublesTheWaitUpToTheCap()
    {
        var email = Create();
        var waits = new List<TimeSpan>();

        for (var i = 0; i < 4; i++)
        {
            email.MarkFailed("IOException: connection refused", Now, Dispatcher);
            waits.Add(email.NextAttemptAt - Now);
        }

        Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240) }));
        Assert.That(email.FailedAt, Is.Null);
    }

    [Test]
    public void MarkFailed_OnTheLastAllowedAttempt_GivesUpAndClearsTheBodies()
    {
        var email = Create();

        for (var i = 0; i < Dispatcher.MaxAttempts; i++)
        {
            email.MarkFailed("IOException: connection refused", Now, Dispatcher);
        }

        Assert.That(email.FailedAt, Is.EqualTo(Now));
        Assert.That(email.TextBody, Is.Null);
        Assert.That(email.LastError, Is.EqualTo("IOException: connection refused"));
    }

    [Test]
    public void MarkFailed_WithAVeryLongError_KeepsItsStart()
    {
        var email = Create();

        email.MarkFailed(new string('x', 2000), Now, Dispatcher);

        Assert.That(email.LastError, Has.Length.EqualTo(OutboxEmail.MaxErrorLength));
    }

    private static OutboxEmail Create() =>
        OutboxEmail.Create("alice@example.com", new EmailContent("Subject", "text", "<p>html</p>"), Now);
}
