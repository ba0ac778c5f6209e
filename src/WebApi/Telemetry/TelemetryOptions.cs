using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.Telemetry;

/// <summary>
/// The <c>Telemetry</c> section. Traces and metrics are collected while <see cref="Enabled"/>; they leave the process
/// through OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and through a Prometheus scrape endpoint
/// when <see cref="Prometheus"/> is enabled.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>False turns every OpenTelemetry provider off (nothing is collected, nothing exported).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>service.name</c> resource attribute; <c>OTEL_SERVICE_NAME</c> overrides it, as the standard says.</summary>
    [Required(ErrorMessage = "Telemetry:ServiceName must be set.")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "Telemetry:ServiceName must be 1-63 letters, digits, '.', '_' or '-'.")]
    public string ServiceName { get; set; } = "authflow";

    public PrometheusOptions Prometheus { get; set; } = new();
}

/// <summary>
/// <c>Telemetry:Prometheus</c>: a scrape endpoint, off by default. With <see cref="Port"/> set it answers only on
/// that port (add it to the listening addresses, e.g. <c>ASPNETCORE_HTTP_PORTS=8080;9464</c>), so that the public
/// port never serves it; without, it answers on every port.
/// </summary>
public sealed class PrometheusOptions
{
    public bool Enabled { get; set; }

    [Range(1, 65_535, ErrorMessage = "Telemetry:Prometheus:Port must be between 1 and 65535.")]
    public int? Port { get; set; }

    [Required(ErrorMessage = "Telemetry:Prometheus:Path must be set.")]
    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "Telemetry:Prometheus:Path must start with '/' and hold only letters, digits, '/', '_' or '-'.")]
    public string Path { get; set; } = "/metrics";
}

/// <summary>Names each bad setting by its configuration key.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        Check(options, failures);
        Check(options.Prometheus, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object options, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => r.ErrorMessage ?? "Telemetry: invalid setting."));
        }
    }
}
