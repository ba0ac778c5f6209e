using System.Net;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Platform;

/// <summary>
/// A host with one hashing slot and no queue, whose hasher blocks until the test releases it: while one login holds
/// the slot, another is refused at once with 503, and the protected routes keep answering.
/// </summary>
public sealed class HashingGateTests : ApiTestBase
{
    [Test]
    public async Task Login_WhileEveryHashingSlotIsTaken_Returns503BusyAtOnceAndOtherRoutesStillAnswer()
    {
        var hasher = new BlockingHasher();
        await using var factory = new AuthFlowApiFactory(
            Database.ConnectionString,
            new Dictionary<string, string?> { ["PasswordHashing:MaxConcurrency"] = "1", ["PasswordHashing:QueueLimit"] = "0" },
            services => hasher.Decorate(services));
        var api = new AuthFlowClient(factory.CreateClient());
        var session = await api.SignUpAndLoginAsync();

        hasher.BlockNext();
        var held = api.LoginAsync("alice@example.com");
        await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        using var refused = await api.LoginAsync("alice@example.com");
        using var registerRefused = await api.RegisterAsync("bob@example.com", username: "bobby");
        using var profile = await api.GetAsync("/api/profile", session.AccessToken);
        using var refreshed = await api.RefreshAsync(session.RefreshToken);
        hasher.Release();
        using var heldResponse = await held;

        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
        await registerRefused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(heldResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from login_failure_counts"), Is.Zero, "a refusal is no failed login");
        }
    }

    /// <summary>Wraps the real hasher; the next verification after <see cref="BlockNext"/> waits for <see cref="Release"/>.</summary>
    private sealed class BlockingHasher : IPasswordHasher
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new(initialState: true);
        private IPasswordHasher _inner = null!;
        private int _blockNext;

        public Task Entered => _entered.Task;

        public void Decorate(IServiceCollection services)
        {
            var real = services.Single(d => d.ServiceType == typeof(IPasswordHasher));
            services.Remove(real);
            services.AddSingleton<IPasswordHasher>(sp =>
            {
                _inner = (IPasswordHasher)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!);
                return this;
            });
        }

        public void BlockNext()
        {
            _released.Reset();
            Interlocked.Exchange(ref _blockNext, 1);
        }

        public void Release() => _released.Set();

        public string Hash(string password) => _inner.Hash(password);

        public PasswordVerification Verify(string password, string passwordHash)
        {
            if (Interlocked.Exchange(ref _blockNext, 0) == 1)
            {
                _entered.TrySetResult();
                _released.Wait(TimeSpan.FromSeconds(30));
            }

            return _inner.Verify(password, passwordHash);
        }

        public void VerifyAgainstDummy(string password) => _inner.VerifyAgainstDummy(password);
    }
}
