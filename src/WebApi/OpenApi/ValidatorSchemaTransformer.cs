using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuthFlow.Application.Common.Validation;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// Writes a request body's schema from the rules of the validator named by <see cref="ValidatedAsAttribute"/>, read
/// from FluentValidation's rule metadata, so the document says what the server checks without a second copy:
/// <c>NotNull</c>/<c>NotEmpty</c> make a field required and not nullable (<c>NotEmpty</c>: <c>minLength</c> 1); a
/// field without them is optional. Length rules give <c>minLength</c>/<c>maxLength</c>, <c>EmailAddress</c> gives
/// <c>format: email</c>, <c>Matches</c> gives <c>pattern</c>, <see cref="IAllowedValuesValidator"/> gives <c>enum</c>.
/// Rules that run only under a condition (<c>When</c>) and custom rules (<c>Must</c>, the password policy's
/// dictionary checks) are not expressible and are left out. The body's <see cref="IHasExample{TSelf}"/> becomes its
/// example.
/// </summary>
internal sealed class ValidatorSchemaTransformer : IOpenApiSchemaTransformer
{
    private JsonSerializerOptions? _exampleOptions;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        // A body type met first as another body's property (LoginMfaRequest.Passkey) is described there too: it is one schema.
        if (type.GetCustomAttribute<ValidatedAsAttribute>() is not { } validatedAs)
        {
            return Task.CompletedTask;
        }

        var validatorType = typeof(IValidator<>).MakeGenericType(validatedAs.Command);
        var validator = (IValidator)context.ApplicationServices.GetService(validatorType)!
            ?? throw new InvalidOperationException($"{type.Name} is validated as {validatedAs.Command.Name}, which has no validator.");
        var descriptor = validator.CreateDescriptor();

        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (schema.Properties is null
                || !schema.Properties.TryGetValue(property.Name, out var value)
                || value is not OpenApiSchema field
                || property.AttributeProvider is not MemberInfo member)
            {
                continue;
            }

            var rules = descriptor.GetValidatorsForMember(member.GetCustomAttribute<ValidatedMemberAttribute>()?.CommandProperty ?? member.Name)
                .Where(v => !v.Options.HasCondition && !v.Options.HasAsyncCondition)
                .Select(v => v.Validator)
                .ToList();
            Describe(field, rules);
            if (rules.Any(r => r is INotNullValidator or INotEmptyValidator))
            {
                schema.Required.Add(property.Name);
            }
        }

        if (type.GetProperty("Example", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is { } example)
        {
            // An optional field is left out of the example rather than sent as null.
            _exampleOptions ??= new JsonSerializerOptions(context.JsonTypeInfo.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
            schema.Examples = [JsonSerializer.SerializeToNode(example, type, _exampleOptions)!];
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema field, List<IPropertyValidator> rules)
    {
        // Null is what an absent field becomes, so an optional field is described as absent rather than null.
        field.Type &= ~JsonSchemaType.Null;
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case INotEmptyValidator when field.Type == JsonSchemaType.String:
                    field.MinLength = Math.Max(field.MinLength ?? 0, 1);
                    break;
                case ILengthValidator length:
                    if (length.Min > 0)
                    {
                        field.MinLength = Math.Max(field.MinLength ?? 0, length.Min);
                    }

                    if (length.Max >= 0)
                    {
                        field.MaxLength = field.MaxLength is { } max ? Math.Min(max, length.Max) : length.Max;
                    }

                    break;
                case IEmailValidator:
                    field.Format = "email";
                    break;
                case IRegularExpressionValidator regex:
                    field.Pattern = regex.Expression;
                    break;
                case IAllowedValuesValidator allowed:
                    field.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                    break;
            }
        }
    }
}
