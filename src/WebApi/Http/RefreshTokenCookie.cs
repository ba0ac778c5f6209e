using AuthFlow.Application.Auth.Commands.Logout;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AuthFlow.WebApi.Http;

/// <summary>
/// The refresh token in a cookie that script cannot read, for browser front ends that ask for it (ADR 0012). A request
/// with <c>AuthFlow-Refresh-Transport: cookie</c> to login, refresh or logout gets the refresh token in
/// <c>__Host-authflow-refresh</c> (HttpOnly, Secure, SameSite=Strict, Path=/) instead of the JSON body, and refresh
/// and logout read it from there. Without the header nothing changes: API clients keep the JSON contract.
/// </summary>
internal static class RefreshTokenCookie
{
    public const string Name = "__Host-authflow-refresh";

    public const string TransportHeader = "AuthFlow-Refresh-Transport";

    public const string CookieTransport = "cookie";

    public static bool IsRequested(HttpRequest request) =>
        string.Equals(request.Headers[TransportHeader], CookieTransport, StringComparison.Ordinal);

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    /// <summary>Sets the cookie to the pair's refresh token; returns the pair for the body, which leaves it out.</summary>
    public static TokenPair Issue(HttpContext httpContext, TokenPair tokens)
    {
        var days = httpContext.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.RefreshTokenDays;
        httpContext.Response.Cookies.Append(Name, tokens.RefreshToken, Options(TimeSpan.FromDays(days)));
        return tokens;
    }

    /// <summary>A refused refresh token (unknown, expired, revoked, replayed) is of no further use: the cookie goes.</summary>
    public static void ClearIfRefused<T>(HttpContext httpContext, Result<T> refresh)
    {
        if (refresh.Error?.Code == AuthErrors.InvalidRefreshToken.Code)
        {
            Clear(httpContext);
        }
    }

    /// <summary>After a logout that ended this session (scope current or all), the cookie goes too.</summary>
    public static ActionResult ClearIfSessionEnded(HttpContext httpContext, bool viaCookie, string? scope, ActionResult result)
    {
        if (viaCookie && scope != LogoutScope.Others)
        {
            Clear(httpContext);
        }

        return result;
    }

    public static void Clear(HttpContext httpContext) =>
        httpContext.Response.Cookies.Delete(Name, Options(maxAge: null));

    /// <summary>
    /// A request that asks for the cookie but comes from another site or origin. SameSite=Strict already keeps the
    /// cookie off cross-site requests, and the custom header forces a CORS preflight that AuthFlow never grants; this
    /// also refuses same-site (sibling subdomain) pages, which SameSite lets through.
    /// </summary>
    public static bool IsCrossOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is not ("same-origin" or "none");
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        return origin.Length > 0
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static CookieOptions Options(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
        // The __Host- prefix requires Path=/ and no Domain: the browser then refuses any cookie of this name that a
        // sibling subdomain or a plain-http page tries to plant.
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}

/// <summary>Refuses (403) a request that asks for the refresh cookie from another origin, before the action runs.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RefreshTokenCookieGuardAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (RefreshTokenCookie.IsRequested(request) && RefreshTokenCookie.IsCrossOrigin(request))
        {
            context.Result = ErrorResults.Forbidden(context.HttpContext, "The refresh cookie cannot be used from another origin.");
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
