using System.Text.Json.Nodes;
using AuthFlow.Infrastructure.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// What the whole document says: the product's title, <c>servers</c> from <c>Jwt:PublicBaseUrl</c> (none when it is
/// not set, so a generated client never bakes in whatever host served the document), the bearer scheme (applied per
/// operation by <see cref="AuthFlowOperationTransformer"/>), the one problem schema and the tags.
/// </summary>
internal sealed class AuthFlowDocumentTransformer(IOptions<JwtOptions> jwt) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "Problem";
    public const string ErrorCodeSchema = "ErrorCode";

    /// <summary>The framework's problem types, replaced everywhere by <see cref="ProblemSchema"/>.</summary>
    public static readonly string[] FrameworkProblemSchemas = ["ProblemDetails", "ValidationProblemDetails", "HttpValidationProblemDetails"];

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Accounts, sign-in, tokens and the email links.",
        ["Sessions"] = "The caller's sessions.",
        ["Profile"] = "The signed-in user.",
        ["Dashboard"] = "A summary for the signed-in user.",
        ["WellKnown"] = "What other services need to verify access tokens.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "AuthFlow API";
        document.Info.Description =
            "Register, log in, refresh and revoke tokens, manage sessions. Every failure is an RFC 9457 problem " +
            "(`application/problem+json`) with a stable `code` to switch on, `success: false` and a `traceId`.";
        document.Info.Contact = new OpenApiContact { Name = "AuthFlow maintainers" };

        var publicBaseUrl = jwt.Value.PublicBaseUrl.TrimEnd('/');
        document.Servers = publicBaseUrl.Length > 0 ? [new OpenApiServer { Url = publicBaseUrl }] : [];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from `login` or `refreshTokens`.",
        };
        document.Security = null;

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var name in FrameworkProblemSchemas)
        {
            document.Components.Schemas.Remove(name);
        }

        document.Components.Schemas[ErrorCodeSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The stable, machine-readable error code. Clients switch on it; the title may change.",
            Enum = [.. ErrorCatalogue.Codes.Select(code => (JsonNode)JsonValue.Create(code))],
        };
        document.Components.Schemas[ProblemSchema] = Problem(document);

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. Validation failures (`validation_failed`) also carry `errors`, the messages per field.",
        Required = new HashSet<string>(StringComparer.Ordinal) { "status", "title", "code", "success", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference that identifies the problem type." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A summary for humans; it may change." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchemaReference(ErrorCodeSchema, document),
            ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Always false." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the request, for the server's logs." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages per field, named as the JSON spells them (`body` for the body as a whole).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
