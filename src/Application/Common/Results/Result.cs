namespace AuthFlow.Application.Common.Results;

/// <summary>The outcome of a use case, seen without knowing its value type (for pipeline behaviours).</summary>
public interface IOperationResult
{
    bool IsSuccess { get; }

    Error? Error { get; }
}

/// <summary>A result type that pipeline behaviours can build a failure of without knowing its value type.</summary>
public interface IOperationResult<out TSelf> : IOperationResult
    where TSelf : IOperationResult<TSelf>
{
    static abstract TSelf Failure(Error error);
}

/// <summary>Either a value or an <see cref="Results.Error"/>: expected failures are values, not exceptions.</summary>
public sealed class Result<T> : IOperationResult<Result<T>>
{
    private readonly T? _value;

    private Result(T value) => _value = value;

    private Result(Error error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({Error!.Code}).");

#pragma warning disable CA1000 // The static factory is the point: behaviours call it through the interface.
    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));
#pragma warning restore CA1000

#pragma warning disable CA2225 // Success/Failure are the named alternates.
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225
}
