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
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ObjectResult ToActionResult(this Error error, HttpContext httpContext)
    {
        if (error.FieldErrors is { } fieldErrors)
        {
            return Validation(httpContext, fieldErrors, error.Title);
        }

        var status = StatusFor(error.Kind);
        var factory = httpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateProblemDetails(httpContext, status, error.Title);
        problem.Extensions["code"] = error.Code;

        if (error.Code == AuthErrors.InvalidToken.Code)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"invalid_token\"";
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
