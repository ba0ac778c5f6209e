using System.Security.Claims;
using AuthFlow.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthFlow.WebApi.Http;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id. Tokens without a valid <c>sub</c> are refused by the bearer handler, so it is always there.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) => ReadGuid(principal, JwtRegisteredClaimNames.Sub);

    public static Guid GetSessionId(this ClaimsPrincipal principal) => ReadGuid(principal, JwtTokenService.SessionIdClaim);

    /// <summary>The token's <c>amr</c>: how the user proved who they were at the login of this session.</summary>
    public static IReadOnlyCollection<string> GetAuthenticationMethods(this ClaimsPrincipal principal) =>
        principal.FindAll(JwtTokenService.AuthenticationMethodsClaim).Select(c => c.Value).ToList();

    public static bool HasIdentityClaims(this ClaimsPrincipal principal) =>
        TryReadGuid(principal, JwtRegisteredClaimNames.Sub, out _) && TryReadGuid(principal, JwtTokenService.SessionIdClaim, out _);

    private static Guid ReadGuid(ClaimsPrincipal principal, string claim) =>
        TryReadGuid(principal, claim, out var value)
            ? value
            : throw new InvalidOperationException($"The authenticated principal has no valid '{claim}' claim.");

    private static bool TryReadGuid(ClaimsPrincipal principal, string claim, out Guid value) =>
        Guid.TryParse(principal.FindFirstValue(claim), out value);
}
