namespace AuthFlow.Application.Common.Results;

/// <summary>What kind of failure an <see cref="Error"/> is; the WebApi maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    Conflict,
    NotFound,

    /// <summary>The caller must wait: <see cref="Error.RetryAfter"/> says how long.</summary>
    TooManyRequests,

    /// <summary>The service is saturated for now: <see cref="Error.RetryAfter"/> says when to try again.</summary>
    Unavailable,
}

/// <summary>
/// An expected failure of a use case: a stable machine-readable <paramref name="Code"/> clients can switch on,
/// a human <paramref name="Title"/>, and for validation failures the messages per field.
/// </summary>
public sealed record Error(string Code, string Title, ErrorKind Kind)
{
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; init; }

    /// <summary>How long the caller should wait before trying again (sent as <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error Validation(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new("validation_failed", "One or more fields are invalid.", ErrorKind.Validation) { FieldErrors = fieldErrors };
}
