namespace AuthFlow.WebApi.OpenApi;

/// <summary>
/// Says which use case's FluentValidation validator checks this request body: its rules for the properties of the
/// same names become the body's OpenAPI schema (required, nullable, lengths, format, pattern, enum), so the rules are
/// written once, in the validator. See <see cref="ValidatorSchemaTransformer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ValidatedAsAttribute(Type command) : Attribute
{
    public Type Command => command;
}

/// <summary>
/// Names the command's property whose rules describe this request property, where the two are named differently
/// (the body's <c>credential</c> JSON is the command's <c>CredentialJson</c> string).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ValidatedMemberAttribute(string commandProperty) : Attribute
{
    public string CommandProperty => commandProperty;
}

/// <summary>A request body with an example that the server accepts; the OpenAPI document and the reference show it.</summary>
public interface IHasExample<out TSelf>
    where TSelf : IHasExample<TSelf>
{
    static abstract TSelf Example { get; }
}
