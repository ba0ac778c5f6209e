using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

/// <summary>Failure counting against PostgreSQL, each call in a scope of its own as requests would make them.</summary>
public sealed class PostgresLoginThrottleTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RecordFailure_OneHundredInParallel_CountsExactlyOneHundred()
    {
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await using var scope = NewScope();
            await scope.ServiceProvider.GetRequiredService<ILoginThrottle>().RecordFailureAsync("alice@example.com", Now, CancellationToken.None);
        })));

        Assert.That(await Database.ScalarAsync<int>("select failures from login_failure_counts"), Is.EqualTo(100));
    }

    [Test]
    public async Task GetRemainingBlock_WithinTheFreeFailures_IsNull()
    {
        await FailAsync("alice@example.com", 5);

        Assert.That(await RemainingAsync("alice@example.com", Now), Is.Null);
    }

    [Test]
    public async Task GetRemainingBlock_AfterOneFailureTooMany_IsTheBaseDelayFromTheLastFailure()
    {
        await FailAsync("alice@example.com", 6);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await RemainingAsync("alice@example.com", Now), Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(await RemainingAsync("alice@example.com", Now.AddSeconds(1)), Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await RemainingAsync("alice@example.com", Now.AddSeconds(2)), Is.Null);
        }
    }

    [Test]
    public async Task GetRemainingBlock_ForAnotherEmail_IsNull()
    {
        await FailAsync("alice@example.com", 10);

        Assert.That(await RemainingAsync("bob@example.com", Now), Is.Null);
    }

    [Test]
    public async Task Reset_ForgetsTheFailuresOfThatEmailOnly()
    {
        await FailAsync("alice@example.com", 10);
        await FailAsync("bob@example.com", 10);

        await using (var scope = NewScope())
        {
            await scope.ServiceProvider.GetRequiredService<ILoginThrottle>().ResetAsync("alice@example.com", CancellationToken.None);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await RemainingAsync("alice@example.com", Now), Is.Null);
            Assert.That(await RemainingAsync("bob@example.com", Now), Is.Not.Null);
        }
    }

    [Test]
    public async Task TryCountAttempt_TwentyInParallel_CountsTheFreeAttemptsAndOneMoreThenBlocksTheRest()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var scope = NewScope();
            return await scope.ServiceProvider.GetRequiredService<ILoginThrottle>().TryCountAttemptAsync("alice@example.com", Now, CancellationToken.None);
        })));

        using (Assert.EnterMultipleScope())
        {
            // Five free failures and the sixth, which starts the 2 s block: only those six guesses may reach a hash.
            Assert.That(answers.Count(a => a is null), Is.EqualTo(6));
            Assert.That(answers.Where(a => a is not null), Is.All.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(await Database.ScalarAsync<int>("select failures from login_failure_counts"), Is.EqualTo(6));
        }
    }

    [Test]
    public async Task TryCountAttempt_WhenTheBlockHasPassed_CountsAgainAndDoublesTheNextBlock()
    {
        await FailAsync("alice@example.com", 6);

        await using var scope = NewScope();
        var throttle = scope.ServiceProvider.GetRequiredService<ILoginThrottle>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await throttle.TryCountAttemptAsync("alice@example.com", Now.AddSeconds(1), CancellationToken.None), Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(await throttle.TryCountAttemptAsync("alice@example.com", Now.AddSeconds(2), CancellationToken.None), Is.Null);
            Assert.That(await RemainingAsync("alice@example.com", Now.AddSeconds(2)), Is.EqualTo(TimeSpan.FromSeconds(4)));
        }
    }

    [Test]
    public async Task UncountAttempt_TakesBackOneCountedAttempt()
    {
        await using var scope = NewScope();
        var throttle = scope.ServiceProvider.GetRequiredService<ILoginThrottle>();
        await throttle.TryCountAttemptAsync("alice@example.com", Now, CancellationToken.None);
        await throttle.TryCountAttemptAsync("alice@example.com", Now, CancellationToken.None);

        await throttle.UncountAttemptAsync("alice@example.com", CancellationToken.None);

        Assert.That(await Database.ScalarAsync<int>("select failures from login_failure_counts"), Is.EqualTo(1));
    }

    private static async Task FailAsync(string email, int times)
    {
        await using var scope = NewScope();
        var throttle = scope.ServiceProvider.GetRequiredService<ILoginThrottle>();
        for (var i = 0; i < times; i++)
        {
            await throttle.RecordFailureAsync(email, Now, CancellationToken.None);
        }
    }

    private static async Task<TimeSpan?> RemainingAsync(string email, DateTimeOffset now)
    {
        await using var scope = NewScope();
        return await scope.ServiceProvider.GetRequiredService<ILoginThrottle>().GetRemainingBlockAsync(email, now, CancellationToken.None);
    }
}
