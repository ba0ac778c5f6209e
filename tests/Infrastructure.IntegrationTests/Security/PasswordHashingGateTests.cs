using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>The gate as the service resolves it, with one slot and a queue of one: no timing, only who holds what.</summary>
public sealed class PasswordHashingGateTests
{
    private ServiceProvider _services = null!;
    private IPasswordHashingGate _gate = null!;

    [SetUp]
    public void CreateGate()
    {
        _services = TestHost.Database.CreateInfrastructureServices(new Dictionary<string, string?>
        {
            ["PasswordHashing:MaxConcurrency"] = "1",
            ["PasswordHashing:QueueLimit"] = "1",
        });
        _gate = _services.GetRequiredService<IPasswordHashingGate>();
    }

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public async Task TryEnter_WithAFreeSlot_GrantsAPermit()
    {
        using var permit = await _gate.TryEnterAsync(CancellationToken.None);

        Assert.That(permit, Is.Not.Null);
    }

    [Test]
    public async Task TryEnter_WhenTheSlotIsHeld_QueuesUntilItIsReleased()
    {
        var first = await _gate.TryEnterAsync(CancellationToken.None);

        var queued = _gate.TryEnterAsync(CancellationToken.None).AsTask();
        Assert.That(queued.IsCompleted, Is.False);
        first!.Dispose();
        using var second = await queued.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(second, Is.Not.Null);
    }

    [Test]
    public async Task TryEnter_WhenTheSlotAndTheQueueAreFull_RefusesAtOnce()
    {
        using var held = await _gate.TryEnterAsync(CancellationToken.None);
        var queued = _gate.TryEnterAsync(CancellationToken.None).AsTask();

        var refused = _gate.TryEnterAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.IsCompleted, Is.True, "no waiting when the queue is full");
            Assert.That(await refused, Is.Null);
        }

        held!.Dispose();
        (await queued)?.Dispose();
    }

    [Test]
    public void MaxConcurrency_WhenUnset_IsOnePerCore()
    {
        var options = new AuthFlow.Infrastructure.Security.PasswordHashingOptions();

        Assert.That(options.MaxConcurrency, Is.Null);
    }
}
