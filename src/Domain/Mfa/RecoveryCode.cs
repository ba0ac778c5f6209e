namespace AuthFlow.Domain.Mfa;

/// <summary>
/// One of the single-use codes that stand in for a second factor when the device is lost. Only a keyed hash of the
/// code is stored; the code itself is shown once, when the set is generated.
/// </summary>
public sealed class RecoveryCode
{
    /// <summary>How many codes a set holds.</summary>
    public const int SetSize = 10;

    private RecoveryCode(Guid id, Guid userId, string codeHash, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        CodeHash = codeHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string CodeHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public static RecoveryCode Create(Guid userId, string codeHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(codeHash);
        return new RecoveryCode(Guid.CreateVersion7(now), userId, codeHash, now);
    }

    /// <summary>Uses the code up. The caller stores it so that the update applies only while it is still unused.</summary>
    public void Use(DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            throw new InvalidOperationException("The recovery code was already used.");
        }

        UsedAt = now;
    }
}
