namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Bounds how many password hashes run at once (each takes a core for tens to hundreds of milliseconds), with a queue
/// that admits a request only while its predicted wait fits a latency budget. Beyond it the gate refuses at once instead
/// of piling requests up, so the rest of the API keeps its CPU.
/// </summary>
public interface IPasswordHashingGate
{
    /// <summary>
    /// A permit to hash, to dispose when done; null, without waiting, when the wait for a slot would exceed the budget.
    /// </summary>
    ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="TryEnterAsync"/> would admit a request arriving now. Asked before the database work that
    /// precedes a hash, so that under a flood a refusal costs no query; the permit itself is taken only for the hash,
    /// after those queries, and may still be refused.
    /// </summary>
    bool IsAdmitting => true;

    /// <summary>What a refused caller is told to wait (<c>Retry-After</c>): the time the queue now needs to drain.</summary>
    TimeSpan RetryAfter => TimeSpan.FromSeconds(1);
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
