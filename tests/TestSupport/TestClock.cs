namespace AuthFlow.TestSupport;

/// <summary>
/// The real clock moved by an offset a test sets. The application reads every time from it: token issue and
/// expiry, the bearer handler's lifetime checks, refresh-token expiry and signing-key lifecycles.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + Offset;

    public void Advance(TimeSpan by) => Offset += by;

    public void Reset() => Offset = TimeSpan.Zero;
}
