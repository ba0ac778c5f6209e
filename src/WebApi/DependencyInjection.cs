using AuthFlow.Application.Auth.Commands.Login;
using AuthFlow.Application.Common.Behaviours;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Security;
using AuthFlow.WebApi.Http;
using AuthFlow.WebApi.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(this IServiceCollection services)
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
        services.Configure<JsonOptions>(options =>
        {
            options.JsonSerializerOptions.AllowDuplicateProperties = false;
            options.JsonSerializerOptions.MaxDepth = 16;
        });
        services.AddAuthFlowProblemDetails();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                bearer.MapInboundClaims = false;
                bearer.IncludeErrorDetails = false;
                bearer.TokenValidationParameters = JwtTokenService.CreateValidationParameters(jwt.Value);
                bearer.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (!context.Principal!.HasIdentityClaims())
                        {
                            context.Fail("The token has no valid subject or session.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();

        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        services.AddHealthChecks().AddDbContextCheck<AuthFlowDbContext>("database", tags: ["ready"]);
        return services;
    }
}
