using System.Net;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Admin;

/// <summary>Every admin route: anonymous 401, a signed-in non-admin 403, an admin 2xx (all problem+json when refused).</summary>
public sealed class AdminAuthorizationTests : ApiTestBase
{
    private static readonly (string Method, string Path, HttpStatusCode Success)[] Routes =
    [
        ("GET", "/api/admin/users", HttpStatusCode.OK),
        ("GET", "/api/admin/users/{id}", HttpStatusCode.OK),
        ("POST", "/api/admin/users/{id}/disable", HttpStatusCode.NoContent),
        ("POST", "/api/admin/users/{id}/enable", HttpStatusCode.NoContent),
        ("PUT", "/api/admin/users/{id}/roles/support", HttpStatusCode.NoContent),
        ("DELETE", "/api/admin/users/{id}/roles/support", HttpStatusCode.NoContent),
        ("DELETE", "/api/admin/users/{id}/sessions", HttpStatusCode.NoContent),
        ("POST", "/api/admin/users/{id}/password-reset", HttpStatusCode.Accepted),
        ("DELETE", "/api/admin/users/{id}", HttpStatusCode.NoContent),
        ("GET", "/api/admin/audit", HttpStatusCode.OK),
    ];

    private static IEnumerable<TestCaseData> AllRoutes() =>
        Routes.Select(r => new TestCaseData(r.Method, r.Path, r.Success).SetArgDisplayNames(r.Method, r.Path));

    [TestCaseSource(nameof(AllRoutes))]
    public async Task AdminRoute_AnswersAnonymous401_NonAdmin403_Admin2xx(string method, string path, HttpStatusCode success)
    {
        var admin = await Api.SignUpAdminAsync(Factory);
        var target = await Api.RegisterUserAsync("target@example.com");
        var member = await Api.SignUpAndLoginAsync("member@example.com");
        var url = path.Replace("{id}", target.ToString(), StringComparison.Ordinal);

        using (var anonymous = await Api.SendAsync(new HttpMethod(method), url, accessToken: null))
        {
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var forbidden = await Api.SendAsync(new HttpMethod(method), url, member.AccessToken))
        {
            await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        using var allowed = await Api.SendAsync(new HttpMethod(method), url, admin.AccessToken);
        Assert.That(allowed.StatusCode, Is.EqualTo(success), await allowed.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task AdminRoutes_AreInTheOpenApiDocument_WithOperationIds()
    {
        using var response = await Api.GetAsync("/openapi/v1.json", accessToken: null);
        var document = await response.Content.ReadAsStringAsync();

        Assert.That(document, Does.Contain("\"/api/admin/users/{id}/roles/{role}\"")
            .And.Contain("\"adminSearchUsers\"").And.Contain("\"adminListAuditEvents\"").And.Contain("\"getAccountActivity\""));
    }
}
