using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.Application.UnitTests;

/// <summary>A gate a test opens or closes; it tells whether a permit is held, so a test can see hashing happen inside it.</summary>
internal sealed class FakePasswordHashingGate : IPasswordHashingGate
{
    public bool IsOpen { get; set; } = true;

    public int PermitsHeld { get; private set; }

    public int Entries { get; private set; }

    /// <summary>What <see cref="IsAdmitting"/> answers; by default whether the gate is open.</summary>
    public bool? Admitting { get; set; }

    public bool IsAdmitting => Admitting ?? IsOpen;

    public ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        Entries++;
        if (!IsOpen)
        {
            return ValueTask.FromResult<IDisposable?>(null);
        }

        PermitsHeld++;
        return ValueTask.FromResult<IDisposable?>(new Permit(this));
    }

    private sealed class Permit(FakePasswordHashingGate gate) : IDisposable
    {
        public void Dispose() => gate.PermitsHeld--;
    }
}
