using System.Diagnostics;
using AuthFlow.Application.Common.Validation;
using Microsoft.AspNetCore.Mvc;

namespace AuthFlow.WebApi.Http;

/// <summary>
/// Every failure leaves as RFC 9457 <c>application/problem+json</c> with <c>status</c>, <c>title</c>, a stable
/// <c>code</c>, <c>success: false</c> and a <c>traceId</c>. Validation failures add per-field <c>errors</c>.
/// </summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddAuthFlowProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            problem.Extensions["success"] = false;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = problem is ValidationProblemDetails ? ErrorCodes.ValidationFailed : ErrorCodes.ForStatus(status);
            }

            // Never describe an exception to the client: the trace id leads an operator to the log.
            problem.Detail = status >= 500 ? null : problem.Detail;
        });

        // Model binding failures (malformed JSON, wrong types, a missing body) answer like validator failures,
        // with field names as the JSON spells them and without framework-internal messages.
        services.Configure<ApiBehaviorOptions>(options => options.InvalidModelStateResponseFactory = context =>
        {
            var errors = context.ModelState
                .Where(entry => entry.Value is { Errors.Count: > 0 })
                .GroupBy(entry => ToFieldName(entry.Key), StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.SelectMany(entry => entry.Value!.Errors)
                        .Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "The value is not valid: a wrong type, or text that is not well-formed (such as a lone UTF-16 surrogate escape)." : e.ErrorMessage)
                        .Distinct(StringComparer.Ordinal)
                        .ToArray(),
                    StringComparer.Ordinal);
            return ErrorResults.Validation(context.HttpContext, errors, "The request body is not valid JSON for this endpoint.");
        });
        return services;
    }

    /// <summary><c>$.email</c> and <c>Email</c> become <c>email</c>; the body as a whole becomes <c>body</c>.</summary>
    private static string ToFieldName(string key)
    {
        var trimmed = key.StartsWith('$') ? key.TrimStart('$').TrimStart('.') : key;
        return trimmed.Length == 0 || trimmed.EndsWith("request", StringComparison.OrdinalIgnoreCase)
            ? "body"
            : FieldNames.ToJson(trimmed);
    }
}
