using System.Threading.RateLimiting;
using AuthFlow.Infrastructure.Telemetry;
using AuthFlow.WebApi.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.RateLimiting;

/// <summary>ASP.NET Core's rate limiter with the AuthFlow policies, and the forwarded-headers trust it depends on.</summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddAuthFlowRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Configure(o => configuration.GetSection(RateLimitingOptions.SectionName).Bind(o.Policies))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddSingleton<AccountRateLimiters>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
                context.HttpContext.RequestServices.GetRequiredService<AuthFlowMetrics>().RateLimitRejected(policy);
                var result = ErrorResults.TooManyRequests(context.HttpContext, AccountRateLimitFilter.RetryAfterOf(context.Lease));
                return new ValueTask(result.ExecuteResultAsync(new ActionContext(
                    context.HttpContext, context.HttpContext.GetRouteData(), new ActionDescriptor())));
            };
            foreach (var policy in RateLimitPolicies.PerIp)
            {
                var rule = settings.Value.Policies[policy];
                limiter.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => rule.ToLimiterOptions()));
            }
        });

        services.AddOptions<TrustedProxyOptions>().Bind(configuration.GetSection(TrustedProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) => trusted.Value.ApplyTo(options));
        return services;
    }

    /// <summary>Honours <c>X-Forwarded-For</c>/<c>-Proto</c> only when a trusted proxy is configured; otherwise not at all.</summary>
    public static WebApplication UseAuthFlowForwardedHeaders(this WebApplication app)
    {
        // Decided from the raw configuration: the options are validated (and named on failure) when the host starts.
        if (app.Configuration.GetSection(TrustedProxyOptions.SectionName).GetChildren().Any(c => c.GetChildren().Any()))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
