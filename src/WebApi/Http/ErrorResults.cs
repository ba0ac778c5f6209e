using System.Globalization;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;

namespace AuthFlow.WebApi.Http;

/// <summary>The one place where an application <see cref="Error"/> becomes an HTTP response.</summary>
internal static class ErrorResults
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ObjectResult ToActionResult(this Error error, HttpContext httpContext)
    {
        if (error.FieldErrors is { } fieldErrors)
        {
            return Validation(httpContext, fieldErrors, error.Title);
        }

        if (error.Code == AuthErrors.InvalidToken.Code)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\"";
        }

        return Problem(httpContext, StatusFor(error.Kind), error.Title, error.Code, error.RetryAfter);
    }

    /// <summary>A rate limiter's refusal, from the middleware (per IP) or the per-account filter alike.</summary>
    public static ObjectResult TooManyRequests(HttpContext httpContext, TimeSpan? retryAfter) =>
        Problem(httpContext, StatusCodes.Status429TooManyRequests, "Too many requests. Try again later.",
            ErrorCodes.ForStatus(StatusCodes.Status429TooManyRequests), retryAfter);

    public static ObjectResult Forbidden(HttpContext httpContext, string title) =>
        Problem(httpContext, StatusCodes.Status403Forbidden, title, ErrorCodes.ForStatus(StatusCodes.Status403Forbidden), retryAfter: null);

    public static ObjectResult PayloadTooLarge(HttpContext httpContext) =>
        Problem(httpContext, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
            ErrorCodes.ForStatus(StatusCodes.Status413PayloadTooLarge), retryAfter: null);

    private static ObjectResult Problem(HttpContext httpContext, int status, string title, string code, TimeSpan? retryAfter)
    {
        var factory = httpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateProblemDetails(httpContext, status, title);
        problem.Extensions["code"] = code;
        if (retryAfter is { } wait)
        {
            // Whole seconds, rounded up, at least one: a client that waits exactly this long is let in.
            httpContext.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return AsProblem(problem);
    }

    public static ObjectResult Validation(HttpContext httpContext, IReadOnlyDictionary<string, string[]> fieldErrors, string title)
    {
        var modelState = new ModelStateDictionary();
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field, message);
            }
        }

        var factory = httpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(httpContext, modelState, StatusCodes.Status400BadRequest, title);
        problem.Extensions["code"] = ErrorCodes.ValidationFailed;
        return AsProblem(problem);
    }

    private static ObjectResult AsProblem(ProblemDetails problem) => new(problem)
    {
        StatusCode = problem.Status,
        ContentTypes = { "application/problem+json" },
    };
}
