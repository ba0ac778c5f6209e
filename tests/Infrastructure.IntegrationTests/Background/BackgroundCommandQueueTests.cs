using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Background;

/// <summary>The in-memory queue behind forgot-password and resend-verification: bounded, and honest when full.</summary>
public sealed class BackgroundCommandQueueTests
{
    [Test]
    public void TryEnqueue_UpToTheCapacity_AcceptsThenDrops()
    {
        // A container without a host: nothing reads the queue, so it fills up.
        using var services = TestHost.Database.CreateInfrastructureServices();
        var queue = services.GetRequiredService<IBackgroundCommands>();

        var accepted = Enumerable.Range(0, 1000).Count(i => queue.TryEnqueue(new SendPasswordResetCommand($"user{i}@example.com")));
        var overflow = queue.TryEnqueue(new SendPasswordResetCommand("one-too-many@example.com"));

        Assert.That(accepted, Is.EqualTo(1000));
        Assert.That(overflow, Is.False);
    }
}
