using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Wraps the real hasher: the next verification after <see cref="BlockNext"/> waits for <see cref="Release"/>, and
/// every verification (against a stored hash or the dummy) is counted.
/// </summary>
public sealed class BlockingHasher : IPasswordHasher
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new(initialState: true);
    private IPasswordHasher _inner = null!;
    private int _blockNext;
    private int _verifications;

    public Task Entered => _entered.Task;

    /// <summary>bcrypt verifications since the host started (each at the configured cost).</summary>
    public int Verifications => Volatile.Read(ref _verifications);

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
        WaitIfBlocked();
        return _inner.Verify(password, passwordHash);
    }

    public void VerifyAgainstDummy(string password)
    {
        WaitIfBlocked();
        _inner.VerifyAgainstDummy(password);
    }

    private void WaitIfBlocked()
    {
        Interlocked.Increment(ref _verifications);
        if (Interlocked.Exchange(ref _blockNext, 0) == 1)
        {
            _entered.TrySetResult();
            _released.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
