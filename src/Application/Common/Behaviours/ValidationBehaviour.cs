using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Common.Validation;
using FluentValidation;
using Mediator;

namespace AuthFlow.Application.Common.Behaviours;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler, and answers with a
/// <c>validation_failed</c> error listing the messages per field (camelCase, as the JSON names them).
/// Handlers therefore never see malformed input.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IOperationResult<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next(message, cancellationToken);
        }

        var fieldErrors = failures
            .GroupBy(f => FieldNames.ToJson(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        return TResponse.Failure(Error.Validation(fieldErrors));
    }
}
