using System.Text.Json;
using System.Text.Json.Serialization;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Behaviours;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.WebApi.Account;
using AuthFlow.WebApi.Http;
using AuthFlow.WebApi.OpenApi;
using AuthFlow.WebApi.RateLimiting;
using AuthFlow.WebApi.Telemetry;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi;

public static class DependencyInjection
{
    public const int MaxAccessTokenBytes = 8 * 1024;

    private const string SessionCheckUnavailable = "AuthFlow.SessionCheckUnavailable";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(LoginCommand)];
            // Outermost first: a span per use case, then log it, then reject invalid input before any handler runs.
            options.PipelineBehaviors = [typeof(TracingBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddControllers(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddJsonOptions(options => options.AllowInputFormatterExceptionMessages = false);
        // Strict JSON in: no duplicate keys, no numbers in strings, shallow documents. The minimal-API options
        // are set alike because the OpenAPI schemas are generated from them.
        services.Configure<JsonOptions>(options => ConfigureJson(options.JsonSerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.AddAuthFlowProblemDetails();
        services.AddExceptionHandler<AuthFlowExceptionHandler>();
        services.AddAuthFlowRateLimiting(configuration);
        services.AddAuthFlowTelemetry(configuration);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, ISigningKeyRing, TimeProvider>((bearer, jwt, keys, clock) =>
            {
                bearer.MapInboundClaims = false;
                bearer.IncludeErrorDetails = false;
                // The service's tokens are under 1 KB; a huge one is refused before its JSON is parsed.
                foreach (var handler in bearer.TokenHandlers.OfType<TokenHandler>())
                {
                    handler.MaximumTokenSizeInBytes = MaxAccessTokenBytes;
                }

                bearer.TokenValidationParameters = JwtTokenService.CreateValidationParameters(jwt.Value, keys, clock);
                bearer.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        if (!context.Principal!.HasIdentityClaims())
                        {
                            context.Fail("The token has no valid subject or session.");
                            return;
                        }

                        try
                        {
                            // Ended on this or any other instance: refused without a database round trip, unless the
                            // revocation listener is away, when the cache asks the database (fail closed).
                            if (await context.HttpContext.RequestServices.GetRequiredService<RevokedSessionCache>()
                                    .IsRevokedAsync(context.Principal!.GetSessionId(), context.HttpContext.RequestAborted))
                            {
                                context.Fail("The session has ended.");
                            }
                        }
                        catch (Exception ex) when (DatabaseFailures.TransientKind(ex) is { } kind)
                        {
                            context.HttpContext.RequestServices.GetRequiredService<FailureLog>().DatabaseUnavailable(kind, "session check");
                            context.HttpContext.Items[SessionCheckUnavailable] = true;
                            context.Fail("The session could not be checked.");
                        }
                    },
                    OnChallenge = async context =>
                    {
                        if (context.HttpContext.Items.ContainsKey(SessionCheckUnavailable))
                        {
                            // Neither the listener nor the database can say whether the session has ended: 503, not 401.
                            context.HandleResponse();
                            await AuthFlowExceptionHandler.WriteDatabaseUnavailableAsync(
                                context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(), exception: null);
                        }
                    },
                };
            });
        services.AddAuthFlowAuthorization();
        services.AddHttpContextAccessor();
        // Replaces Infrastructure's request-less context: audit events carry the caller, client and trace.
        services.AddSingleton<IRequestContext, HttpRequestContext>();

        services.AddAccountPages();
        services.AddAuthFlowOpenApi();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SigningKeyHealthCheck>("signing-key", tags: ["ready"])
            .AddCheck<SessionRevocationHealthCheck>("session-revocations", tags: ["ready"]);
        return services;
    }

    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 16;
    }
}
