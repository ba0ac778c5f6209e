using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// Response bodies as the server writes them: every property it always writes is required (computed ones such as
/// <c>success</c> included), and only a property whose C# type is nullable may be null. A property left out when
/// null (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>, such as a JWK's <c>crv</c> or <c>n</c>) is optional and
/// never null, so an EC key and an RSA key each validate against one JWK schema.
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly NullabilityInfoContext Nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null
            || type.Namespace != typeof(Contracts.UserResponse).Namespace
            || type.GetCustomAttribute<ValidatedAsAttribute>() is not null
            || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo clr || !schema.Properties.TryGetValue(property.Name, out var field))
            {
                continue;
            }

            var omittedWhenNull = clr.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull;
            var nullable = Nullability.Create(clr).ReadState == NullabilityState.Nullable;
            if (field is OpenApiSchema inline && (!nullable || omittedWhenNull))
            {
                inline.Type &= ~JsonSchemaType.Null;
            }

            if (omittedWhenNull)
            {
                schema.Required.Remove(property.Name);
            }
            else
            {
                schema.Required.Add(property.Name);
            }
        }

        return Task.CompletedTask;
    }
}
