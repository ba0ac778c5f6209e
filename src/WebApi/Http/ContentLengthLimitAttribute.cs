using Microsoft.AspNetCore.Mvc.Filters;

namespace AuthFlow.WebApi.Http;

/// <summary>
/// Refuses a body whose declared <c>Content-Length</c> exceeds <paramref name="maxBytes"/> with a 413 problem before
/// a byte of it is read. Pair it with <c>[RequestSizeLimit]</c>, which makes Kestrel stop chunked bodies too; this
/// filter answers the same way on any server, the in-memory test server included.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ContentLengthLimitAttribute(long maxBytes) : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.Request.ContentLength > maxBytes)
        {
            context.Result = ErrorResults.PayloadTooLarge(context.HttpContext);
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
