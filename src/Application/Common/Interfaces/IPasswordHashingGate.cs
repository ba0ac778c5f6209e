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

public static class PasswordHashingGateExtensions
{
    /// <summary>Hashes a new password while holding a permit; null, without hashing, when the gate refuses.</summary>
    public static async Task<string?> TryHashAsync(
        this IPasswordHashingGate gate, IPasswordHasher hasher, string password, CancellationToken cancellationToken)
    {
        using var permit = await gate.TryEnterAsync(cancellationToken);
        return permit is null ? null : hasher.Hash(password);
    }
}
