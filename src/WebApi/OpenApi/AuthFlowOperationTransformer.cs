using AuthFlow.WebApi.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// Completes each operation from its endpoint's metadata, so that an endpoint added later is described the same way
/// without more attributes than <c>[EndpointName]</c>, <c>[EndpointSummary]</c> and <c>[ProducesResponseType]</c>:
/// <list type="bullet">
/// <item>the bearer requirement only where <c>[Authorize]</c> applies (and no <c>[AllowAnonymous]</c>), with its 401
/// and <c>WWW-Authenticate</c>;</item>
/// <item>the answers the pipeline gives before the action runs: 400, 413 and 415 for a JSON body, 429 with
/// <c>Retry-After</c> behind a rate limit, 500 anywhere;</item>
/// <item>every 4xx/5xx as <c>application/problem+json</c> with the one <c>Problem</c> schema, <c>Retry-After</c> on
/// 429 and 503;</item>
/// <item>JSON only: no <c>text/plain</c>, <c>text/json</c> or <c>application/*+json</c>.</item>
/// </list>
/// </summary>
internal sealed class AuthFlowOperationTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The body is malformed or a field breaks a rule (`validation_failed`, with `errors` per field), or the use case refused the input.",
        [401] = "Not authenticated.",
        [403] = "Forbidden.",
        [404] = "Not found.",
        [409] = "Conflict.",
        [413] = "The body is too large (`payload_too_large`).",
        [415] = "The body is not sent as `application/json` (`unsupported_media_type`).",
        [429] = "Too many requests; `Retry-After` says how many seconds to wait.",
        [500] = "An unexpected failure (`internal_error`); the `traceId` leads to the server's log.",
        [503] = "The service is busy (`busy`) or cannot reach its database (`database_unavailable`); `Retry-After` says when to try again.",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;

        // Spectral wants a description; an endpoint without [EndpointDescription] repeats its summary.
        operation.Description ??= operation.Summary;

        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var rateLimited = metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<RateLimitPerAccountAttribute>().Any();

        operation.Security = secured
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthFlowDocumentTransformer.BearerScheme, document)] = [] }]
            : null;

        operation.Responses ??= [];
        if (hasBody)
        {
            Ensure(operation, 400);
            Ensure(operation, 413);
            Ensure(operation, 415);
        }

        if (secured)
        {
            Ensure(operation, 401);
        }

        if (rateLimited)
        {
            Ensure(operation, 429);
        }

        Ensure(operation, 500);
        // Any operation may meet a database that is down or hung (database_unavailable) or a full hashing queue (busy).
        Ensure(operation, 503);

        foreach (var (key, value) in operation.Responses)
        {
            if (value is not OpenApiResponse response)
            {
                continue;
            }

            var status = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            if (status >= 400)
            {
                response.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(AuthFlowDocumentTransformer.ProblemSchema, document) },
                };
                if (Descriptions.TryGetValue(status, out var text) && (response.Description is null || response.Description == ReasonPhrase(status)))
                {
                    response.Description = text;
                }
            }
            else if (response.Content is { Count: > 0 } content)
            {
                response.Content = content.Where(c => c.Key == Json).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                await DescribeAlternativesAsync(response, status, metadata, context, cancellationToken);
            }

            if (status is 429 or 503)
            {
                AddHeader(response, "Retry-After", "How many seconds to wait before trying again.", JsonSchemaType.Integer, required: true);
            }

            if (status == 401 && secured)
            {
                AddHeader(response, "WWW-Authenticate", "The bearer challenge, such as `Bearer` or `Bearer error=\"invalid_token\"`.", JsonSchemaType.String, required: true);
            }
        }

        var ordered = new OpenApiResponses();
        foreach (var (key, value) in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            ordered[key] = value;
        }

        operation.Responses = ordered;

        if (operation.RequestBody is OpenApiRequestBody body && body.Content is { Count: > 0 } bodyContent)
        {
            // JSON only; an optional body ("oneOf": [null, X]) is the schema X in a request body that is not required.
            body.Content = bodyContent.Where(c => c.Key == Json).ToDictionary(c => c.Key, c => OptionalBody(c.Value), StringComparer.Ordinal);
        }

    }

    /// <summary>
    /// A success status declared with several types (a login that answers tokens, an mfaToken, or the cookie variant):
    /// the body is one of them (<c>anyOf</c>: the cookie variant is a subset of the plain reply), each its own component schema.
    /// </summary>
    private static async Task DescribeAlternativesAsync(
        OpenApiResponse response, int status, IList<object> metadata, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var types = metadata.OfType<IApiResponseMetadataProvider>()
            .Where(m => m.StatusCode == status && m.Type is not null && m.Type != typeof(void))
            .Select(m => m.Type!)
            .Distinct()
            .ToList();
        if (types.Count < 2 || response.Content?.TryGetValue(Json, out var media) != true || media is null)
        {
            return;
        }

        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var alternatives = new List<IOpenApiSchema>();
        foreach (var type in types)
        {
            if (!document.Components.Schemas.ContainsKey(type.Name))
            {
                document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            }

            alternatives.Add(new OpenApiSchemaReference(type.Name, document));
        }

        media.Schema = new OpenApiSchema { AnyOf = alternatives };
    }

    private static OpenApiMediaType OptionalBody(OpenApiMediaType media)
    {
        if (media.Schema is OpenApiSchema { OneOf: { Count: 2 } oneOf }
            && oneOf.SingleOrDefault(s => s is OpenApiSchemaReference) is { } reference
            && oneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            media.Schema = reference;
        }

        return media;
    }

    private static void Ensure(OpenApiOperation operation, int status)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(key))
        {
            operation.Responses[key] = new OpenApiResponse { Description = ReasonPhrase(status) };
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type, bool required)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[name] = new OpenApiHeader { Description = description, Required = required, Schema = new OpenApiSchema { Type = type } };
    }
}
