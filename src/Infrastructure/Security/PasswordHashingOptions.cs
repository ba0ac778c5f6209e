using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";
    public const int MinWorkFactor = 4;
    public const int MaxWorkFactor = 31;
    public const int MinPepperBytes = 32;

    /// <summary>bcrypt cost: each step doubles the time of a hash. 12 takes about 250 ms on one core.</summary>
    public int WorkFactor { get; set; } = 12;

    /// <summary>The base64 HMAC key mixed into every password before bcrypt; kept out of the database.</summary>
    public string Pepper { get; set; } = "";

    /// <summary>
    /// How many hashes may run at once; unset means one per core: one per core but one caps a login burst at about half
    /// of what the machine can hash. Whether the protected routes keep their latency during a flood with it is the
    /// flood row of build/bench.sh, still to be confirmed on a quiet machine (docs/benchmarks.md).
    /// </summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// A hard cap on how many hashes may wait for a slot, whatever their predicted wait; unset means
    /// <see cref="DefaultQueueLimit"/>. Past it: 503 at once.
    /// </summary>
    public int? QueueLimit { get; set; }

    /// <summary>
    /// The latency budget of the queue: a request whose predicted wait for a slot (the requests ahead of it times the
    /// measured hash time, over the slots) is longer is refused at once with 503 and a <c>Retry-After</c> of the time the
    /// queue needs to drain. Default 2 seconds.
    /// </summary>
    public double MaxQueueWaitSeconds { get; set; } = 2;

    public const int DefaultQueueLimit = 1000;

    internal int EffectiveMaxConcurrency => MaxConcurrency ?? Environment.ProcessorCount;

    internal int EffectiveQueueLimit => QueueLimit ?? DefaultQueueLimit;

    /// <summary>The decoded <see cref="Pepper"/>; empty when it is not valid base64.</summary>
    internal byte[] PepperBytes()
    {
        var buffer = new byte[Pepper.Length];
        return Convert.TryFromBase64String(Pepper, buffer, out var written) ? buffer[..written] : [];
    }
}

internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        var failures = new List<string>();
        if (options.WorkFactor is < PasswordHashingOptions.MinWorkFactor or > PasswordHashingOptions.MaxWorkFactor)
        {
            failures.Add($"PasswordHashing:WorkFactor must be between {PasswordHashingOptions.MinWorkFactor} and {PasswordHashingOptions.MaxWorkFactor} (was {options.WorkFactor}).");
        }

        if (options.MaxConcurrency is < 1 or > 1024)
        {
            failures.Add($"PasswordHashing:MaxConcurrency must be between 1 and 1024 when set (was {options.MaxConcurrency}).");
        }

        if (options.QueueLimit is < 0 or > 10_000)
        {
            failures.Add($"PasswordHashing:QueueLimit must be between 0 and 10000 when set (was {options.QueueLimit}).");
        }

        if (!double.IsFinite(options.MaxQueueWaitSeconds) || options.MaxQueueWaitSeconds is < 0 or > 60)
        {
            failures.Add($"PasswordHashing:MaxQueueWaitSeconds must be between 0 and 60 (was {options.MaxQueueWaitSeconds}).");
        }

        if (options.PepperBytes().Length < PasswordHashingOptions.MinPepperBytes)
        {
            failures.Add($"PasswordHashing:Pepper must be set to base64 of at least {PasswordHashingOptions.MinPepperBytes} random bytes (for example: openssl rand -base64 32).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
