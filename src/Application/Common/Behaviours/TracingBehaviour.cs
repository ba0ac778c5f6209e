using System.Diagnostics;
using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Common.Telemetry;
using Mediator;

namespace AuthFlow.Application.Common.Behaviours;

/// <summary>
/// One span per use case, named after its command or query, with its outcome (<c>success</c> or <c>failure</c>) and,
/// on an expected failure, the catalogue code as <c>error.type</c>. The message itself is never recorded: it
/// carries passwords and tokens. The database queries of the handler appear as children of this span.
/// </summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IOperationResult
{
    private static readonly string SpanName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = AuthFlowTelemetry.Source.StartActivity(SpanName);
        if (activity is null)
        {
            return await next(message, cancellationToken);
        }

        activity.SetTag(AuthFlowTelemetry.Attributes.UseCase, SpanName);
        try
        {
            var response = await next(message, cancellationToken);
            if (response.Error is { } error)
            {
                activity.SetTag(AuthFlowTelemetry.Attributes.Outcome, "failure");
                activity.SetTag(AuthFlowTelemetry.Attributes.ErrorType, error.Code);
            }
            else
            {
                activity.SetTag(AuthFlowTelemetry.Attributes.Outcome, "success");
            }

            return response;
        }
        catch (Exception ex)
        {
            // The type only: an exception message may quote input.
            activity.SetTag(AuthFlowTelemetry.Attributes.Outcome, "exception");
            activity.SetTag(AuthFlowTelemetry.Attributes.ErrorType, ex.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }
}
