namespace AuthFlow.Application.Common.Interfaces;

/// <summary>Who and where the current request comes from, for the audit trail. Outside a request every value is null.</summary>
public interface IRequestContext
{
    /// <summary>The signed-in caller, if any.</summary>
    Guid? UserId { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }

    string? TraceId { get; }
}
