namespace AuthFlow.TestSupport;

/// <summary>
/// The real clock moved by an offset a test sets. Tokens are still checked by the bearer handler against
/// real time, so tests move the clock only for what the application decides (refresh-token expiry).
/// </summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;

    public void Advance(TimeSpan by) => Offset += by;

    public void Reset() => Offset = TimeSpan.Zero;
}
