using System.Diagnostics;
using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.WebApi.Http;

/// <summary>The audit trail's view of the current HTTP request: the signed-in caller, the client and the trace id of its problem responses.</summary>
internal sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public Guid? UserId => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user && user.HasIdentityClaims() ? user.GetUserId() : null;

    public string? IpAddress => accessor.HttpContext?.GetClientIpAddress();

    public string? UserAgent => accessor.HttpContext?.GetUserAgent();

    public string? TraceId => Activity.Current?.Id ?? accessor.HttpContext?.TraceIdentifier;
}
