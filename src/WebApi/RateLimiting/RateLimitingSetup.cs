using System.Net;
using System.Threading.RateLimiting;
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
    public const string ForwardedHeadersSection = "ForwardedHeaders";

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

        services.AddOptions<ForwardedHeadersOptions>().Configure(options => ConfigureForwardedHeaders(options, configuration));
        return services;
    }

    /// <summary>Honours <c>X-Forwarded-For</c>/<c>-Proto</c> only when a trusted proxy is configured; otherwise not at all.</summary>
    public static WebApplication UseAuthFlowForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(ForwardedHeadersSection);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The framework trusts loopback by default; AuthFlow trusts only what is configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new OptionsValidationException(ForwardedHeadersSection, typeof(ForwardedHeadersOptions),
                    [$"ForwardedHeaders:KnownProxies holds '{proxy}', which is not an IP address."]));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new OptionsValidationException(ForwardedHeadersSection, typeof(ForwardedHeadersOptions),
                    [$"ForwardedHeaders:KnownNetworks holds '{network}', which is not a network in CIDR notation (e.g. 10.0.0.0/8)."]));
        }
    }
}
