namespace AuthFlow.Application.Common.Interfaces;

/// <summary>How long sessions live and how concurrent refreshes are forgiven (configured as <c>Sessions:*</c>).</summary>
public interface ISessionPolicy
{
    /// <summary>A session unused for this long ends: its next refresh is refused.</summary>
    TimeSpan IdleTimeout { get; }

    /// <summary>A session ends this long after its login, however often it is used.</summary>
    TimeSpan AbsoluteLifetime { get; }

    /// <summary>For this long after a rotation, presenting the rotated token again returns the same successor.</summary>
    TimeSpan RefreshReuseGrace { get; }
}
