using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Security;

namespace AuthFlow.WebApi.Http;

/// <summary>AuthFlow's own authorisation: named policies on the controllers, never role checks in handlers.</summary>
internal static class AuthorizationPolicies
{
    /// <summary>A signed-in caller whose access token's <c>roles</c> claim holds <c>admin</c>.</summary>
    public const string Admin = "admin";

    public static IServiceCollection AddAuthFlowAuthorization(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(JwtTokenService.RolesClaim, Role.Admin))
            .Services;
}
