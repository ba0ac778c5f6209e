namespace AuthFlow.WebApi.RateLimiting;

internal static class ClientAddress
{
    /// <summary>
    /// The peer's address; it is the <c>X-Forwarded-For</c> client only when a trusted proxy is configured
    /// (<c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>), since the middleware rewrites it then.
    /// </summary>
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
