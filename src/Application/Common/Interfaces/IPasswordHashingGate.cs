namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Bounds how many password hashes run at once (each takes a core for a quarter of a second), with a short queue.
/// A full queue refuses at once instead of piling requests up, so the rest of the API keeps its CPU.
/// </summary>
public interface IPasswordHashingGate
{
    /// <summary>
    /// A permit to hash, to dispose when done; null, without waiting, when every slot and the queue are taken.
    /// </summary>
    ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken);
}
