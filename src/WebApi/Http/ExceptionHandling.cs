using System.Globalization;
using System.Text;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AuthFlow.WebApi.Http;

/// <summary>
/// Exceptions that are not bugs, answered through the catalogue and logged as one summarised warning line without a
/// stack trace: a database outage (<c>503 database_unavailable</c> with <c>Retry-After</c>), and a request that
/// cannot be read (bad chunked encoding, a body that does not decode in its charset, too slow, too large). Anything
/// else is left to the default handler: a bare <c>500 internal_error</c> and one error line with the stack trace.
/// </summary>
internal sealed class AuthFlowExceptionHandler(IProblemDetailsService problems, FailureLog failureLog) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFailures.TransientKind(exception) is { } kind)
        {
            failureLog.DatabaseUnavailable(kind, Source(httpContext));
            return await WriteDatabaseUnavailableAsync(httpContext, problems, exception);
        }

        if (RequestFault(exception) is { } fault)
        {
            failureLog.RequestRejected(fault.Status, fault.Reason, Source(httpContext));
            httpContext.Response.StatusCode = fault.Status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = fault.Status,
                    Title = fault.Title,
                    Extensions = { ["code"] = ErrorCodes.ForStatus(fault.Status) },
                },
            });
        }

        return false;
    }

    /// <summary>The 503 of a database outage, also written by the bearer handler when the session cannot be checked.</summary>
    public static async ValueTask<bool> WriteDatabaseUnavailableAsync(HttpContext httpContext, IProblemDetailsService problems, Exception? exception)
    {
        var error = AuthErrors.DatabaseUnavailable;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers[HeaderNames.RetryAfter] =
            ((long)Math.Ceiling(error.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = error.Title,
                Extensions = { ["code"] = error.Code },
            },
        });
    }

    /// <summary>What was wrong with the request, when the exception says the request itself could not be read.</summary>
    private static RequestFaultInfo? RequestFault(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BadHttpRequestException bad:
                    return bad.StatusCode switch
                    {
                        StatusCodes.Status408RequestTimeout => new(bad.StatusCode, "The request body arrived too slowly.", "body too slow"),
                        StatusCodes.Status413PayloadTooLarge => new(bad.StatusCode, "The request body is too large.", "body too large"),
                        >= 400 and < 500 => new(bad.StatusCode, "The request could not be read.", "malformed request"),
                        _ => new(StatusCodes.Status400BadRequest, "The request could not be read.", "malformed request"),
                    };
                case DecoderFallbackException:
                    return new(StatusCodes.Status400BadRequest, "The request body is not valid text in its declared charset.", "undecodable body");
                case IOException { InnerException: OverflowException or FormatException }:
                    // Kestrel's chunked decoder: a chunk size that overflows or is not hexadecimal.
                    return new(StatusCodes.Status400BadRequest, "The request body's chunked encoding is malformed.", "bad chunked encoding");
            }
        }

        return null;
    }

    private static string Source(HttpContext httpContext) =>
        httpContext.GetEndpoint()?.DisplayName is { } endpoint ? endpoint : $"{httpContext.Request.Method} {httpContext.Request.Path}";

    private sealed record RequestFaultInfo(int Status, string Title, string Reason);
}
