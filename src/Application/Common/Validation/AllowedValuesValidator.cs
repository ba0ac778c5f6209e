using FluentValidation;
using FluentValidation.Validators;

namespace AuthFlow.Application.Common.Validation;

/// <summary>A value the rule names by its list, so that the OpenAPI document can state it as an <c>enum</c>.</summary>
public interface IAllowedValuesValidator : IPropertyValidator
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>One of <paramref name="values"/>, compared ordinally; null passes (pair with <c>NotNull</c> to require it).</summary>
public sealed class AllowedValuesValidator<T>(IReadOnlyList<string> values, string field) : PropertyValidator<T, string?>, IAllowedValuesValidator
{
    public override string Name => "AllowedValuesValidator";

    public IReadOnlyList<string> Values => values;

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        $"{field} must be one of: {string.Join(", ", values)}.";
}
