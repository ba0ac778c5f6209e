using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The served OpenAPI document as a contract that every answer of the integration suites is held to. For each
/// response of an endpoint that the API explorer describes (every controller action), the middleware below finds the
/// operation by the endpoint's <c>[EndpointName]</c> and records a violation unless: the status is documented for the
/// operation; the body's media type is one the status lists and the body validates against its schema (JSON Schema
/// 2020-12, the document's components as <c>$defs</c>); every header the status marks required was sent; and
/// <c>Retry-After</c> and <c>WWW-Authenticate</c>, when sent, are documented for that status. Routes added later are
/// covered with no change here; <see cref="Violations"/> are asserted empty after each test.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly string[] DocumentedHeaders = ["Retry-After", "WWW-Authenticate"];

    private readonly JsonObject _document;
    private readonly JsonObject _defs;
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new(StringComparer.Ordinal);

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        _defs = (JsonObject)JsonNode.Parse(RewriteRefs(document["components"]?["schemas"]?.ToJsonString() ?? "{}"))!;
    }

    /// <summary>The document of the run, loaded by the set-up fixture before any test.</summary>
    public static OpenApiContract? Current { get; set; }

    public static ConcurrentQueue<string> Violations { get; } = new();

    public JsonObject Document => _document;

    public static OpenApiContract Parse(string json) => new((JsonObject)JsonNode.Parse(json)!);

    /// <summary>Every operation of the document: path, method and the operation object.</summary>
    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in ((JsonObject)_document["paths"]!)
        from method in (JsonObject)path.Value!
        select (path.Key, method.Key, (JsonObject)method.Value!);

    public IEnumerable<string> Check(string operationId, int status, string? contentType, IHeaderDictionary headers, byte[] body)
    {
        var operation = Operations().Where(o => (string?)o.Operation["operationId"] == operationId).Select(o => o.Operation).FirstOrDefault();
        if (operation is null)
        {
            yield return $"{operationId}: no operation with this id in the OpenAPI document";
            yield break;
        }

        var where = $"{operationId} {status}";
        if ((operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? operation["responses"]?["default"]) is not JsonObject response)
        {
            yield return $"{where}: the status is not documented";
            yield break;
        }

        foreach (var header in DocumentedHeaders.Where(h => headers.ContainsKey(h) && response["headers"]?[h] is null))
        {
            yield return $"{where}: sends {header}, which the document does not declare";
        }

        if (response["headers"] is JsonObject declared)
        {
            foreach (var (name, value) in declared)
            {
                if ((bool?)value?["required"] == true && !headers.ContainsKey(name))
                {
                    yield return $"{where}: the document requires the {name} header, which was not sent";
                }
            }
        }

        var content = response["content"] as JsonObject;
        if (body.Length == 0)
        {
            if (content is { Count: > 0 })
            {
                yield return $"{where}: the document describes a body, but there was none";
            }

            yield break;
        }

        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (content?[mediaType]?["schema"] is not JsonNode schemaNode)
        {
            yield return $"{where}: answers with '{mediaType}', which the document does not list ({string.Join(", ", content?.Select(c => c.Key) ?? [])})";
            yield break;
        }

        if (ParseJson(body) is not { } instance)
        {
            yield return $"{where}: the body is not JSON";
            yield break;
        }

        var schema = _schemas.GetOrAdd($"{operationId}/{status}/{mediaType}", key => new Lazy<JsonSchema>(() => Build(key, schemaNode))).Value;
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"));
            yield return $"{where}: the body does not match the documented schema: {string.Join("; ", errors)} -- body: {System.Text.Encoding.UTF8.GetString(body)}";
        }
    }

    /// <summary>Validates <paramref name="json"/> against the component schema <paramref name="name"/>.</summary>
    public IReadOnlyList<string> CheckComponent(string name, string json)
    {
        var schema = _schemas.GetOrAdd($"component/{name}", key => new Lazy<JsonSchema>(() => Build(key, JsonNode.Parse($$"""{"$ref":"#/components/schemas/{{name}}"}""")!))).Value;
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }

    private static JsonElement? ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private JsonSchema Build(string key, JsonNode schemaNode)
    {
        var root = (JsonObject)JsonNode.Parse(RewriteRefs(schemaNode.ToJsonString()))!;
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _defs.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://contract.authflow.test/{Uri.EscapeDataString(key)}"));
    }

    private static string RewriteRefs(string json) => json.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
}

/// <summary>Puts <see cref="OpenApiContractMiddleware"/> in front of the whole pipeline of a test host.</summary>
public sealed class OpenApiContractStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<OpenApiContractMiddleware>();
        next(app);
    };
}

public sealed class OpenApiContractMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original);
        }

        // A client that hung up gets no answer at all: there is nothing to hold against the document.
        if (context.RequestAborted.IsCancellationRequested
            || context.GetEndpoint() is not { } endpoint || OpenApiContract.Current is not { } contract)
        {
            return;
        }

        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is null)
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action)
            {
                OpenApiContract.Violations.Enqueue($"{action.DisplayName}: a controller action without [EndpointName], so it has no stable operation id");
            }

            return;
        }

        foreach (var violation in contract.Check(name, context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, buffer.ToArray()))
        {
            OpenApiContract.Violations.Enqueue(violation);
        }
    }
}
