namespace AuthFlow.Infrastructure.Background;

/// <summary>
/// A command to run after its request was answered (forgot-password, resend-verification), stored before the answer
/// so that a crash loses none. Deleted once it has run; retried with a back-off while it fails.
/// </summary>
public sealed class BackgroundRequest
{
    public const int MaxKindLength = 40;

    private BackgroundRequest(Guid id, string kind, string email, DateTimeOffset requestedAt)
    {
        Id = id;
        Kind = kind;
        Email = email;
        RequestedAt = requestedAt;
        NextAttemptAt = requestedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Which command: see <see cref="BackgroundCommandStore"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>The email the command is about, as the client sent it.</summary>
    public string Email { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public static BackgroundRequest Create(string kind, string email, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), kind, email, now);

    /// <summary>Records a failed attempt and when to try again (doubling from one second, at most five minutes).</summary>
    public void Failed(DateTimeOffset now)
    {
        Attempts++;
        NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Attempts - 1)));
    }
}
