using FluentValidation;
using FluentValidation.Validators;

namespace AuthFlow.Application.Common.Validation;

/// <summary>
/// A length range counted in Unicode code points (one emoji is one), after trimming when <paramref name="trim"/> is
/// set: what JSON Schema's <c>minLength</c>/<c>maxLength</c> count, so the OpenAPI document can state it as is.
/// </summary>
public sealed class CodePointLengthValidator<T>(int min, int max, bool trim, string tooShort, string tooLong) : PropertyValidator<T, string>, ILengthValidator
{
    public override string Name => "CodePointLengthValidator";

    public int Min => min;

    public int Max => max;

    public override bool IsValid(ValidationContext<T> context, string value)
    {
        if (value is null)
        {
            return true;
        }

        var length = (trim ? value.Trim() : value).EnumerateRunes().Count();
        if (length < min)
        {
            context.MessageFormatter.AppendArgument("Reason", tooShort);
            return false;
        }

        if (length > max)
        {
            context.MessageFormatter.AppendArgument("Reason", tooLong);
            return false;
        }

        return true;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => "{Reason}";
}
