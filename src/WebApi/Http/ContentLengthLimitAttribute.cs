using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthFlow.WebApi.Http;

/// <summary>
/// Refuses a body over <paramref name="maxBytes"/> with a 413 problem before the body is parsed. A declared
/// <c>Content-Length</c> over the limit is refused before a byte is read (on any server, the in-memory test server
/// included). A body of undeclared length (chunked) is read through first, so that <c>[RequestSizeLimit]</c>, which
/// this attribute is paired with, stops it at the limit: otherwise the JSON reader could meet the first bytes of an
/// oversized body before the server had received enough of it to count, and answer 400 or 413 by how its packets fell.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ContentLengthLimitAttribute(long maxBytes) : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > maxBytes)
        {
            context.Result = ErrorResults.PayloadTooLarge(context.HttpContext);
            return;
        }

        // CanHaveBody: a chunked HTTP/1.1 body, or an HTTP/2 or /3 body sent without a length; false for none at all.
        if (request.ContentLength is null && context.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            // Held in memory up to the limit (it is small); past it the server's limit throws, answered as 413.
            request.EnableBuffering(bufferThreshold: (int)Math.Min(maxBytes + 1, int.MaxValue));
            await request.Body.DrainAsync(context.HttpContext.RequestAborted);
            request.Body.Position = 0;
        }

        await next();
    }
}
