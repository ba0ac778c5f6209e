using System.Reflection;
using AuthFlow.Application.Common.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AuthFlow.WebApi.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, Npgsql, the .NET runtime, and AuthFlow's own spans (a span per use
/// case, per outbox send) and instruments (meter <c>AuthFlow</c>). See the README's "Telemetry" section.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>The standard variable that turns on the OTLP exporter for traces, metrics and logs.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddAuthFlowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // Read once here: which providers exist is decided when the host is built. The values are validated on start.
        var settings = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                // An empty name is refused by the options validation, which runs after the providers are built.
                string.IsNullOrWhiteSpace(settings.ServiceName) ? "authflow" : settings.ServiceName,
                serviceVersion: AuthFlowVersion.Current))
            .WithTracing(tracing => tracing
                .AddSource(AuthFlowTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes and scrapes would drown the traces that matter.
                    options.Filter = http => !http.Request.Path.StartsWithSegments("/health")
                        && !http.Request.Path.StartsWithSegments(settings.Prometheus.Path);
                })
                .AddNpgsql())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(AuthFlowTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql");
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            // Reads the standard OTEL_EXPORTER_OTLP_* variables (endpoint, protocol, headers) for all three signals.
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>The scrape endpoint, when enabled; restricted to its own port when one is set.</summary>
    public static WebApplication UseAuthFlowPrometheusEndpoint(this WebApplication app)
    {
        // Read from the raw configuration: the options are validated (and named on failure) when the host starts.
        var settings = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.Enabled || !settings.Prometheus.Enabled)
        {
            return app;
        }

        var path = settings.Prometheus.Path;
        var port = settings.Prometheus.Port;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            http => http.Request.Path == path && (port is null || http.Connection.LocalPort == port));
        return app;
    }
}

/// <summary>The service's version, from the assembly (set from <c>Version</c> in Directory.Build.props).</summary>
public static class AuthFlowVersion
{
    public static readonly string Current =
        typeof(AuthFlowVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AuthFlowVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
