using System.Text.Json;
using System.Text.Json.Serialization;
using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Behaviours;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.WebApi.Http;
using AuthFlow.WebApi.OpenApi;
using AuthFlow.WebApi.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi;

public static class DependencyInjection
{
    public const int MaxAccessTokenBytes = 8 * 1024;

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(LoginCommand)];
            // Outermost first: log every use case, then reject invalid input before any handler runs.
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddControllers(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddJsonOptions(options => options.AllowInputFormatterExceptionMessages = false);
        // Strict JSON in: no duplicate keys, no numbers in strings, shallow documents. The minimal-API options
        // are set alike because the OpenAPI schemas are generated from them.
        services.Configure<JsonOptions>(options => ConfigureJson(options.JsonSerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.AddAuthFlowProblemDetails();
        services.AddAuthFlowRateLimiting(configuration);

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
                    OnTokenValidated = context =>
                    {
                        if (!context.Principal!.HasIdentityClaims())
                        {
                            context.Fail("The token has no valid subject or session.");
                        }
                        else if (context.HttpContext.RequestServices.GetRequiredService<RevokedSessionCache>().IsRevoked(context.Principal!.GetSessionId()))
                        {
                            // Ended on this or any other instance: refused without a database round trip.
                            context.Fail("The session has ended.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();

        services.AddAuthFlowOpenApi();
        services.AddHealthChecks()
            .AddDbContextCheck<AuthFlowDbContext>("database", tags: ["ready"])
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
