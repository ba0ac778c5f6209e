using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.WebApi.IntegrationTests.OpenApi;

/// <summary>
/// What the served document promises, checked against the server's own route table (every response of the other
/// suites is checked against it as well, by <see cref="OpenApiContractMiddleware"/>).
/// </summary>
public sealed class OpenApiDocumentTests : ApiTestBase
{
    private static readonly string[] JsonMediaTypes = ["application/json", "application/problem+json"];

    private JsonObject Document => OpenApiContract.Current!.Document;

    private IEnumerable<ApiDescription> MappedOperations() =>
        Factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items);

    [Test]
    public void EveryMappedRoute_HasAnOperationWithItsOwnIdAndASummary()
    {
        var operations = OpenApiContract.Current!.Operations().ToList();
        var mapped = MappedOperations().ToList();

        Assert.That(operations, Has.Count.EqualTo(mapped.Count));
        foreach (var route in mapped)
        {
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(route.RelativePath!, "{([^:}]+)(:[^}]*)?}", "{$1}");
            var operation = Document["paths"]?[path]?[route.HttpMethod!.ToLowerInvariant()];
            Assert.That(operation, Is.Not.Null, $"{route.HttpMethod} {path} is not in the document");
            Assert.That((string?)operation!["operationId"], Does.Match("^[a-z][A-Za-z]+$"), $"{path}: operationId");
            Assert.That((string?)operation["summary"], Is.Not.Empty, $"{path}: summary");
        }

        Assert.That(operations.Select(o => (string?)o.Operation["operationId"]), Is.Unique);
    }

    [Test]
    public void BearerSecurity_IsOnExactlyTheOperationsThatRequireAuthorization()
    {
        Assert.That(Document["security"], Is.Null, "no document-wide requirement");
        foreach (var route in MappedOperations())
        {
            var metadata = route.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(route.RelativePath!, "{([^:}]+)(:[^}]*)?}", "{$1}");
            var operation = Document["paths"]![path]![route.HttpMethod!.ToLowerInvariant()]!;
            Assert.That(operation["security"]?[0]?["Bearer"], secured ? Is.Not.Null : Is.Null, $"{route.HttpMethod} {path}");
            Assert.That(operation["responses"]?["401"]?["headers"]?["WWW-Authenticate"], secured ? Is.Not.Null : Is.Null, $"{path}: WWW-Authenticate");
        }
    }

    [Test]
    public void Document_IsJsonOnly_WithoutServersWhenNoPublicBaseUrl()
    {
        var mediaTypes = OpenApiContract.Current!.Operations()
            .SelectMany(o => ((JsonObject?)o.Operation["responses"])!.Select(r => r.Value?["content"] as JsonObject)
                .Concat([o.Operation["requestBody"]?["content"] as JsonObject]))
            .Where(c => c is not null)
            .SelectMany(c => c!.Select(m => m.Key))
            .Distinct()
            .ToList();

        Assert.That(mediaTypes, Is.SubsetOf(JsonMediaTypes));
        Assert.That(Document["servers"], Is.Null);
    }

    [Test]
    public async Task Servers_ArePublicBaseUrl_WithoutTrailingSlash()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?> { ["Jwt:PublicBaseUrl"] = "https://auth.example.com/" });
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.That(document!["servers"]!.ToJsonString(), Is.EqualTo("""[{"url":"https://auth.example.com"}]"""));
    }

    [Test]
    public void ProblemCode_EnumeratesTheErrorCatalogue()
    {
        var codes = Document["components"]!["schemas"]!["ErrorCode"]!["enum"]!.AsArray().Select(c => (string?)c).ToList();

        Assert.That(codes, Is.SupersetOf(new[] { "validation_failed", "invalid_credentials", "email_taken", "login_throttled", "busy", "unauthorized", "payload_too_large", "internal_error" }));
    }

    [Test]
    public void RequestSchemas_FollowTheValidators()
    {
        var schemas = Document["components"]!["schemas"]!;
        var register = schemas["RegisterRequest"]!;
        Assert.Multiple(() =>
        {
            Assert.That(register["required"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "username", "email", "password" }));
            Assert.That((string?)register["properties"]!["username"]!["type"], Is.EqualTo("string"));
            Assert.That((int?)register["properties"]!["username"]!["minLength"], Is.EqualTo(3));
            Assert.That((int?)register["properties"]!["username"]!["maxLength"], Is.EqualTo(50));
            Assert.That((string?)register["properties"]!["email"]!["format"], Is.EqualTo("email"));
            Assert.That((int?)register["properties"]!["password"]!["minLength"], Is.EqualTo(12));
            Assert.That((int?)register["properties"]!["password"]!["maxLength"], Is.EqualTo(256));
            Assert.That(schemas["LogoutRequest"]!["required"], Is.Null.Or.Empty, "logout's fields are optional");
            Assert.That(schemas["LogoutRequest"]!["properties"]!["scope"]!["enum"]!.AsArray().Select(v => (string?)v), Is.EqualTo(new[] { "current", "all", "others" }));
        });
    }

    [Test]
    public async Task RequestExamples_AreAcceptedByTheServer()
    {
        var examples = OpenApiContract.Current!.Operations()
            .Select(o => (o.Path, Ref: (string?)o.Operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]))
            .Where(o => o.Ref is not null)
            .Select(o => (o.Path, Example: Document["components"]!["schemas"]![o.Ref!.Split('/')[^1]]!["examples"]?[0]))
            .ToList();
        Assert.That(examples.Select(e => e.Example), Has.None.Null, "every request body has an example");

        // Register first, so that the login example names an account.
        foreach (var (path, example) in examples.OrderBy(e => e.Path == "/api/auth/register" ? 0 : 1))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(example) };
            if (path == "/api/auth/logout")
            {
                var login = await Api.LoginSessionAsync("alice@example.com", "correct horse battery");
                request.Headers.Authorization = new("Bearer", login.AccessToken);
            }

            using var response = await Api.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.That(body, Does.Not.Contain("validation_failed"), $"{path}: {body}");
            Assert.That((int)response.StatusCode, Is.LessThan(500), path);
            if (path == "/api/auth/register")
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }
        }
    }

    [Test]
    public void JwkSchema_AcceptsAnEcKeyAndAnRsaKey()
    {
        var ec = """{"kty":"EC","kid":"k1","alg":"ES256","use":"sig","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}""";
        var rsa = """{"kty":"RSA","kid":"k2","alg":"RS256","use":"sig","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}""";

        Assert.That(OpenApiContract.Current!.CheckComponent("JsonWebKeyResponse", ec), Is.Empty, "EC");
        Assert.That(OpenApiContract.Current!.CheckComponent("JsonWebKeyResponse", rsa), Is.Empty, "RSA");
        Assert.That(OpenApiContract.Current!.CheckComponent("JsonWebKeyResponse", """{"kty":"EC"}"""), Is.Not.Empty, "the schema does reject");
    }
}
