using System.Diagnostics.Metrics;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Telemetry;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;
using static AuthFlow.Application.Common.Telemetry.AuthFlowTelemetry;

namespace AuthFlow.Infrastructure.Telemetry;

/// <summary>
/// AuthFlow's own instruments, on the meter <c>AuthFlow</c> made by the host's <see cref="IMeterFactory"/>. Counters
/// are incremented where things happen; gauges read state the service already keeps (the revoked-session cache, the
/// hashing gate's queue, the last outbox sample, the signing key in memory), so observing them never queries the database.
/// </summary>
public sealed class AuthFlowMetrics : IAuthMetrics
{
    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _sessionsEnded;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _emails;
    private readonly Histogram<double> _gateWait;
    private readonly TimeProvider _clock;
    private volatile OutboxSample? _outbox;

    /// <param name="services">
    /// Resolved only when a gauge is observed: the components it reads (the gate, the cache, the key ring) report to
    /// this class themselves, so they cannot be constructor dependencies of it.
    /// </param>
    public AuthFlowMetrics(IMeterFactory meterFactory, IServiceProvider services, TimeProvider clock)
    {
        _clock = clock;
        Meter = meterFactory.Create(MeterName);
        _logins = Meter.CreateCounter<long>("authflow.auth.logins", "{login}", "Sign-in attempts by outcome.");
        _refreshes = Meter.CreateCounter<long>("authflow.auth.refreshes", "{refresh}", "Refresh-token presentations by outcome.");
        _sessionsEnded = Meter.CreateCounter<long>("authflow.sessions.ended", "{session}", "Sessions ended before they expired, by reason.");
        _rateLimitRejections = Meter.CreateCounter<long>("authflow.rate_limiting.rejections", "{request}", "Requests refused with 429, by rate-limit policy.");
        _emails = Meter.CreateCounter<long>("authflow.outbox.emails", "{email}", "Outbox send attempts by outcome (sent, retry, failed).");
        _gateWait = Meter.CreateHistogram<double>("authflow.password_hashing.gate.wait", "s",
            "Time a request waited at the password-hashing gate, by result (acquired or refused).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

        Meter.CreateObservableGauge("authflow.password_hashing.gate.queued", () =>
            (services.GetService<IPasswordHashingGate>() as PasswordHashingGate)?.QueuedCount ?? 0,
            "{request}", "Requests waiting for a password-hashing permit.");
        Meter.CreateObservableGauge("authflow.sessions.revoked_cache.size", () =>
            services.GetRequiredService<RevokedSessionCache>().Count,
            "{session}", "Ended sessions whose access tokens this instance refuses from memory.");
        Meter.CreateObservableGauge("authflow.outbox.backlog", ObserveOutboxBacklog,
            "{email}", "Outbox emails not yet sent nor given up, as of the dispatcher's last sample.");
        Meter.CreateObservableGauge("authflow.outbox.oldest_pending.age", ObserveOldestPendingAge,
            "s", "Age of the oldest outbox email not yet sent nor given up, as of the dispatcher's last sample.");
        Meter.CreateObservableGauge("authflow.signing_key.age", () => ObserveSigningKeyAge(services),
            "s", "Age of the key that signs access tokens now (stored ES256/RS256 keys only).");
    }

    /// <summary>The meter, for gauges registered by the components whose state they observe.</summary>
    public Meter Meter { get; }

    public void LoginAttempted(LoginOutcome outcome) =>
        _logins.Add(1, new KeyValuePair<string, object?>(Attributes.LoginOutcome, TagOf(outcome)));

    public void RefreshAttempted(RefreshOutcome outcome) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>(Attributes.RefreshOutcome, TagOf(outcome)));

    public void SessionsEnded(SessionRevocation reason, int count)
    {
        if (count > 0)
        {
            _sessionsEnded.Add(count, new KeyValuePair<string, object?>(Attributes.SessionEndReason, TagOf(reason)));
        }
    }

    public void RateLimitRejected(string policy) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>(Attributes.RateLimitPolicy, policy));

    public void EmailAttempted(string outcome) =>
        _emails.Add(1, new KeyValuePair<string, object?>(Attributes.EmailOutcome, outcome));

    public void GateWaited(TimeSpan waited, bool acquired) =>
        _gateWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(Attributes.GateResult, acquired ? "acquired" : "refused"));

    /// <summary>Called by the outbox dispatcher after it counted the pending emails.</summary>
    public void OutboxSampled(int pending, DateTimeOffset? oldestCreatedAt) => _outbox = new OutboxSample(pending, oldestCreatedAt);

    private IEnumerable<Measurement<int>> ObserveOutboxBacklog() =>
        _outbox is { } sample ? [new Measurement<int>(sample.Pending)] : [];

    private IEnumerable<Measurement<double>> ObserveOldestPendingAge() =>
        _outbox is { } sample
            ? [new Measurement<double>(sample.OldestCreatedAt is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0)]
            : [];

    private IEnumerable<Measurement<double>> ObserveSigningKeyAge(IServiceProvider services)
    {
        var now = _clock.GetUtcNow();
        return services.GetService<ISigningKeyRing>() is StoredSigningKeyRing ring && ring.SigningKeyCreatedAt(now) is { } created
            ? [new Measurement<double>((now - created).TotalSeconds)]
            : [];
    }

    private sealed record OutboxSample(int Pending, DateTimeOffset? OldestCreatedAt);

    public static string TagOf(LoginOutcome outcome) => outcome switch
    {
        LoginOutcome.Succeeded => "succeeded",
        LoginOutcome.Invalid => "invalid",
        LoginOutcome.Throttled => "throttled",
        LoginOutcome.Busy => "busy",
        LoginOutcome.Mfa => "mfa",
        LoginOutcome.Disabled => "disabled",
        LoginOutcome.Unverified => "unverified",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string TagOf(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.Rotated => "rotated",
        RefreshOutcome.Grace => "grace",
        RefreshOutcome.ReuseDetected => "reuse_detected",
        RefreshOutcome.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string TagOf(SessionRevocation reason) => reason switch
    {
        SessionRevocation.Logout => "logout",
        SessionRevocation.ReuseDetected => "reuse_detected",
        SessionRevocation.PasswordReset => "password_reset",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
