using System.Diagnostics;

namespace AuthFlow.Application.Common.Telemetry;

/// <summary>
/// The names under which AuthFlow's own spans and metrics are published, and the activity source of its spans.
/// The host subscribes to <see cref="SourceName"/> and <see cref="MeterName"/>; with no subscriber a span costs a null check.
/// </summary>
public static class AuthFlowTelemetry
{
    public const string SourceName = "AuthFlow";

    public const string MeterName = "AuthFlow";

    /// <summary>Spans of use cases, outbox sends and other work of AuthFlow itself.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Attribute names used on AuthFlow's spans and metric points.</summary>
    public static class Attributes
    {
        public const string UseCase = "authflow.use_case";
        public const string Outcome = "authflow.outcome";
        public const string LoginOutcome = "authflow.login.outcome";
        public const string RefreshOutcome = "authflow.refresh.outcome";
        public const string SessionEndReason = "authflow.session.end_reason";
        public const string RateLimitPolicy = "authflow.rate_limiting.policy";
        public const string GateResult = "authflow.password_hashing.result";
        public const string EmailOutcome = "authflow.email.outcome";
        public const string EmailId = "authflow.email.id";
        public const string EmailAttempt = "authflow.email.attempt";

        /// <summary>The OpenTelemetry semantic-convention attribute for an expected failure's type: the catalogue code.</summary>
        public const string ErrorType = "error.type";
    }
}
