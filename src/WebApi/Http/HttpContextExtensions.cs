using Microsoft.Net.Http.Headers;

namespace AuthFlow.WebApi.Http;

internal static class HttpContextExtensions
{
    /// <summary>The address of the connection's peer (behind a proxy, whatever the forwarded-headers middleware set).</summary>
    public static string? GetClientIpAddress(this HttpContext httpContext)
    {
        var address = httpContext.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4().ToString() : address?.ToString();
    }

    /// <summary>The <c>User-Agent</c> header, if any; the domain bounds its length.</summary>
    public static string? GetUserAgent(this HttpContext httpContext)
    {
        var userAgent = httpContext.Request.Headers[HeaderNames.UserAgent].ToString();
        return userAgent.Length == 0 ? null : userAgent;
    }
}
