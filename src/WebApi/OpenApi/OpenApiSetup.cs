using Scalar.AspNetCore;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the reference that renders it at <c>/docs</c>.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddAuthFlowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<ValidatorSchemaTransformer>();
            options.AddSchemaTransformer<ContractSchemaTransformer>();
            options.AddOperationTransformer<AuthFlowOperationTransformer>();
            options.AddDocumentTransformer<AuthFlowDocumentTransformer>();
        });

    /// <summary>
    /// The reference of a self-hosted service: the product's title, the page's own fonts, no telemetry, no AI chat,
    /// no MCP and no developer toolbar (Share, Generate SDK, Deploy), so nothing is fetched from the internet.
    /// </summary>
    public static IEndpointConventionBuilder MapAuthFlowApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference("/docs", options => options
            .WithTitle("AuthFlow API reference")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .ExpandAllTags()
            .WithOperationTitleSource(OperationTitleSource.Summary));
}
