using System.Net;
using System.Text.Json.Nodes;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi.IntegrationTests.Keys;

/// <summary>The JWKS and discovery documents, read as another service would read them.</summary>
public sealed class WellKnownTests : ApiTestBase
{
    [Test]
    public async Task Jwks_ListsTheSigningKeyWithPublicParametersOnly()
    {
        var session = await Api.SignUpAndLoginAsync();

        using var response = await Api.GetAsync("/.well-known/jwks.json", accessToken: null);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var key = body["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == new JsonWebToken(session.AccessToken).Kid)!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.Select(p => p.Key), Is.EquivalentTo(new[] { "kty", "kid", "alg", "use", "crv", "x", "y" }), "public members only: no d, p, q");
            Assert.That(key["kty"]!.GetValue<string>(), Is.EqualTo("EC"));
            Assert.That(key["crv"]!.GetValue<string>(), Is.EqualTo("P-256"));
            Assert.That(key["alg"]!.GetValue<string>(), Is.EqualTo("ES256"));
            Assert.That(key["use"]!.GetValue<string>(), Is.EqualTo("sig"));
            Assert.That(Base64UrlEncoder.DecodeBytes(key["x"]!.GetValue<string>()), Has.Length.EqualTo(32));
            Assert.That(Base64UrlEncoder.DecodeBytes(key["y"]!.GetValue<string>()), Has.Length.EqualTo(32));
        }
    }

    [Test]
    public async Task Jwks_IsPublicAndCachedForFiveMinutes()
    {
        using var response = await Api.GetAsync("/.well-known/jwks.json", accessToken: null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl?.Public, Is.True, response.Headers.CacheControl?.ToString());
            Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(300)));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.False);
        }
    }

    [Test]
    public async Task Jwks_VerifiesAnAccessTokenWithoutAnySecret()
    {
        // What another service does: fetch the JWKS, validate issuer, audience, lifetime and signature.
        var session = await Api.SignUpAndLoginAsync();
        var jwks = new JsonWebKeySet(await Api.Http.GetStringAsync("/.well-known/jwks.json"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(session.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = TestSettings.Issuer,
            ValidAudience = TestSettings.Audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
        });

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
    }

    [Test]
    public async Task OpenIdConfiguration_NamesTheIssuerTheJwksAndTheAlgorithm()
    {
        using var response = await Api.GetAsync("/.well-known/openid-configuration", accessToken: null);

        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["issuer"]!.GetValue<string>(), Is.EqualTo(TestSettings.Issuer));
            Assert.That(body["jwks_uri"]!.GetValue<string>(), Is.EqualTo("http://localhost/.well-known/jwks.json"));
            Assert.That(body["id_token_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "ES256" }));
            Assert.That(response.Headers.CacheControl?.Public, Is.True);
        }
    }

    [Test]
    public async Task OpenIdConfiguration_WithAPublicBaseUrl_NamesTheJwksThereWhateverTheHostHeaderSays()
    {
        await using var factory = new AuthFlowApiFactory(Database.ConnectionString, new Dictionary<string, string?> { ["Jwt:PublicBaseUrl"] = "https://auth.example.com/" });
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request);

        var body = await response.ReadJsonAsync();
        Assert.That(body["jwks_uri"]!.GetValue<string>(), Is.EqualTo("https://auth.example.com/.well-known/jwks.json"));
    }

    [Test]
    public async Task OpenApiDocument_DescribesBothWellKnownRoutes()
    {
        var document = JsonNode.Parse(await Api.Http.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key);

        Assert.That(paths, Is.SupersetOf(new[] { "/.well-known/jwks.json", "/.well-known/openid-configuration" }));
    }
}
