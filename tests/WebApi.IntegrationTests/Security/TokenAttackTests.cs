using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthFlow.WebApi.IntegrationTests.Security;

/// <summary>
/// Forged, altered and malformed access tokens: every one gets 401 with a Bearer challenge (never a 500) on a protected
/// route, and none of them changes anything in the database. The control case proves the forging itself works.
/// </summary>
public sealed class TokenAttackTests : ApiTestBase
{
    private const string ProtectedRoute = "/api/profile";

    private Session _session = null!;
    private string _serviceKeyId = null!;
    private string _databaseBefore = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        _session = await Api.SignUpAndLoginAsync();
        _serviceKeyId = new JsonWebToken(_session.AccessToken).Kid;
        _databaseBefore = await DatabaseStateAsync();
    }

    [Test]
    public async Task HandMadeToken_SignedByTheServiceKey_IsAccepted()
    {
        // The control: the same hand-made token with one thing changed is what each attack below sends.
        var token = TestTokens.Raw(Header(), TestTokens.Payload(_session), TestTokens.Es256(TestTokens.ServiceEcdsa(Factory)));

        using var response = await Api.GetAsync(ProtectedRoute, token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("none")]
    [TestCase("None")]
    [TestCase("NONE")]
    [TestCase("nOnE")]
    public async Task AlgNone_InAnyCasing_Returns401(string alg)
    {
        var parts = _session.AccessToken.Split('.');
        var header = TestTokens.Base64Url($$"""{"alg":"{{alg}}","typ":"at+jwt","kid":"{{_serviceKeyId}}"}""");

        await ShouldBeRejectedAsync($"{header}.{parts[1]}.");
        await ShouldBeRejectedAsync($"{header}.{parts[1]}.{parts[2]}");
    }

    [Test]
    public async Task StrippedSignature_Returns401()
    {
        var parts = _session.AccessToken.Split('.');

        await ShouldBeRejectedAsync($"{parts[0]}.{parts[1]}.");
    }

    [Test]
    public async Task PayloadChangedUnderTheOldSignature_Returns401()
    {
        var bob = await Api.SignUpAndLoginAsync("bob@example.com");
        _databaseBefore = await DatabaseStateAsync();
        var parts = _session.AccessToken.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(_session.UserId.ToString(), bob.UserId.ToString(), StringComparison.Ordinal);

        await ShouldBeRejectedAsync($"{parts[0]}.{TestTokens.Base64Url(payload)}.{parts[2]}");
    }

    [TestCase("HS256")]
    [TestCase("HS384")]
    [TestCase("HS512")]
    public async Task HmacSignedWithThePublicKey_AlgorithmConfusion_Returns401(string alg)
    {
        // The classic confusion: the published public key, in each form a verifier might hold it, used as an HMAC secret.
        var publicKey = TestTokens.ServiceEcdsa(Factory);
        var jwks = await Api.Http.GetStringAsync("/.well-known/jwks.json");
        byte[][] secrets =
        [
            publicKey.ExportSubjectPublicKeyInfo(),
            Encoding.UTF8.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem()),
            Encoding.UTF8.GetBytes(JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetRawText()),
        ];

        foreach (var secret in secrets)
        {
            await ShouldBeRejectedAsync(TestTokens.Raw(Header(alg), TestTokens.Payload(_session), input => Hmac(alg, secret, input)));
        }
    }

    [Test]
    public async Task AlgorithmsOutsideThePinnedOne_Return401()
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var payload = TestTokens.Payload(_session);
        var serviceKey = TestTokens.ServiceEcdsa(Factory);

        await ShouldBeRejectedAsync(TestTokens.Raw(Header("RS256"), payload, input => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        await ShouldBeRejectedAsync(TestTokens.Raw(Header("PS256"), payload, input => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));
        await ShouldBeRejectedAsync(TestTokens.Raw(Header("ES384"), payload, input => p384.SignData(input, HashAlgorithmName.SHA384)));
        // The service's own key under another label: only the pinned name is accepted.
        await ShouldBeRejectedAsync(TestTokens.Raw(Header("ES512"), payload, input => serviceKey.SignData(input, HashAlgorithmName.SHA512)));
        await ShouldBeRejectedAsync(TestTokens.Raw(Header("EdDSA"), payload, TestTokens.Es256(serviceKey)));
    }

    [Test]
    public async Task AttackerKeyEmbeddedInJwkHeader_Returns401()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = attacker.ExportParameters(false).Q;
        var jwk = $$"""{"kty":"EC","crv":"P-256","x":"{{Base64UrlEncoder.Encode(point.X)}}","y":"{{Base64UrlEncoder.Encode(point.Y)}}"}""";

        foreach (var kid in new[] { _serviceKeyId, "attacker" })
        {
            var header = $$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","jwk":{{jwk}}}""";
            await ShouldBeRejectedAsync(TestTokens.Raw(header, TestTokens.Payload(_session), TestTokens.Es256(attacker)));
        }
    }

    [TestCase("jku")]
    [TestCase("x5u")]
    public async Task AttackerKeyReferencedByUrl_Returns401AndIsNeverFetched(string header)
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A port that listens but never answers: a fetch would show up as a pending connection.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/keys.json";
            foreach (var kid in new[] { _serviceKeyId, "attacker" })
            {
                var json = $$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","{{header}}":"{{url}}"}""";
                await ShouldBeRejectedAsync(TestTokens.Raw(json, TestTokens.Payload(_session), TestTokens.Es256(attacker)));
            }

            Assert.That(listener.Pending(), Is.False, $"nothing connected to the {header} URL");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task AttackerCertificateInX5cHeader_Returns401()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=attacker", attacker, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var x5c = Convert.ToBase64String(certificate.Export(X509ContentType.Cert));

        var header = $$"""{"alg":"ES256","typ":"at+jwt","kid":"{{_serviceKeyId}}","x5c":["{{x5c}}"]}""";

        await ShouldBeRejectedAsync(TestTokens.Raw(header, TestTokens.Payload(_session), TestTokens.Es256(attacker)));
    }

    private static readonly string[] HostileKeyIds =
    [
        "../../../../../../dev/null",
        "/etc/passwd",
        "' OR '1'='1",
        "x'; DROP TABLE signing_keys; --",
        "\\u0000",
        new string('a', 43),
        new string('A', 10_000),
        "",
    ];

    private static IEnumerable<TestCaseData> HostileKeyIdCases() =>
        HostileKeyIds.Select((kid, i) => new TestCaseData(i).SetArgDisplayNames(kid.Length > 40 ? $"{kid.Length} characters" : $"'{kid}'"));

    [TestCaseSource(nameof(HostileKeyIdCases))]
    public async Task HostileKeyId_Returns401(int index)
    {
        var kid = JsonEncodedText.Encode(HostileKeyIds[index]).ToString();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = TestTokens.Payload(_session);

        await ShouldBeRejectedAsync(TestTokens.Raw($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}"}""", payload, TestTokens.Es256(attacker)));
        // /dev/null read as a key is empty: an HMAC under an empty secret.
        await ShouldBeRejectedAsync(TestTokens.Raw($$"""{"alg":"HS256","typ":"at+jwt","kid":"{{kid}}"}""", payload, input => HMACSHA256.HashData(Array.Empty<byte>(), input)));
        Assert.That(await Database.ScalarAsync<long>("select count(*) from signing_keys"), Is.EqualTo(1), "the keys are untouched");
    }

    [Test]
    public async Task MissingKeyId_Returns401()
    {
        var token = TestTokens.Raw("""{"alg":"ES256","typ":"at+jwt"}""", TestTokens.Payload(_session), TestTokens.Es256(TestTokens.ServiceEcdsa(Factory)));

        await ShouldBeRejectedAsync(token);
    }

    [Test]
    public async Task AllZeroEcdsaSignature_Cve2022_21449_Returns401()
    {
        var signingInput = $"{TestTokens.Base64Url(Header())}.{TestTokens.Base64Url(TestTokens.Payload(_session))}";
        byte[] der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00];

        await ShouldBeRejectedAsync($"{signingInput}.{Base64UrlEncoder.Encode(new byte[64])}");
        await ShouldBeRejectedAsync($"{signingInput}.{Base64UrlEncoder.Encode(der)}");
        await ShouldBeRejectedAsync($"{signingInput}.{Base64UrlEncoder.Encode(new byte[1])}");
    }

    private static readonly (string Name, Action<SecurityTokenDescriptor> Change)[] BadClaims =
    [
        ("typ missing", d => d.TokenType = null),
        ("typ JWT", d => d.TokenType = "JWT"),
        ("typ of another token kind", d => d.TokenType = "refresh+jwt"),
        ("wrong issuer", d => d.Issuer = "https://evil.example"),
        ("no issuer", d => d.Issuer = null),
        ("wrong audience", d => d.Audience = "another-api"),
        ("no audience", d => d.Audience = null),
        ("expired beyond the 30 s skew", d => { d.IssuedAt = DateTime.UtcNow.AddMinutes(-20); d.NotBefore = d.IssuedAt; d.Expires = DateTime.UtcNow.AddSeconds(-45); }),
        ("not valid yet", d => d.NotBefore = DateTime.UtcNow.AddMinutes(5)),
        ("no exp", d => d.Expires = null),
        ("no sid", d => d.Claims.Remove("sid")),
        ("subject is not a user id", d => d.Claims["sub"] = "admin"),
    ];

    private static IEnumerable<TestCaseData> BadClaimCases() => BadClaims.Select(t => new TestCaseData(t.Name).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(BadClaimCases))]
    public async Task ServiceSignedTokenWithBadClaims_Returns401(string name)
    {
        var token = TestTokens.Mint(Factory, _session, BadClaims.Single(t => t.Name == name).Change);

        await ShouldBeRejectedAsync(token);
    }

    [Test]
    public async Task TokenSignedWithAnotherKeyUnderTheServiceKeyId_Returns401()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await ShouldBeRejectedAsync(TestTokens.Raw(Header(), TestTokens.Payload(_session), TestTokens.Es256(attacker)));
    }

    [Test]
    public async Task RefreshTokenAsBearer_Returns401()
    {
        await ShouldBeRejectedAsync(_session.RefreshToken);
    }

    [Test]
    public async Task AccessTokenSentToRefresh_Returns401WithoutRotating()
    {
        using var response = await Api.RefreshAsync(_session.AccessToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.That(await DatabaseStateAsync(), Is.EqualTo(_databaseBefore), "nothing rotated or revoked");
        using var refresh = await Api.RefreshAsync(_session.RefreshToken);
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the real refresh token still works");
    }

    [Test]
    public async Task TokenInTheQueryString_Returns401()
    {
        using var response = await Api.GetAsync($"{ProtectedRoute}?access_token={_session.AccessToken}", accessToken: null);

        await ShouldBeUnauthorizedAsync(response);
    }

    private static IEnumerable<TestCaseData> MalformedTokens()
    {
        var header = TestTokens.Base64Url("""{"alg":"ES256","typ":"at+jwt"}""");
        yield return new TestCaseData("not-a-jwt").SetArgDisplayNames("one segment");
        yield return new TestCaseData("a.b").SetArgDisplayNames("two segments");
        yield return new TestCaseData($"{header}.e30").SetArgDisplayNames("two segments, real header");
        yield return new TestCaseData("a.b.c.d").SetArgDisplayNames("four segments");
        yield return new TestCaseData($"{header}.e30.c2ln.ZXh0cmE").SetArgDisplayNames("four segments, real header");
        yield return new TestCaseData("a.b.c.d.e.f").SetArgDisplayNames("six segments");
        yield return new TestCaseData("%%%.***.###").SetArgDisplayNames("bad base64");
        yield return new TestCaseData($"{header}.!!!!.c2ln").SetArgDisplayNames("bad base64 payload");
        yield return new TestCaseData($"{TestTokens.Base64Url("not json")}.e30.c2ln").SetArgDisplayNames("non-JSON header");
        yield return new TestCaseData($"{TestTokens.Base64Url("[1,2,3]")}.e30.c2ln").SetArgDisplayNames("JSON array header");
        yield return new TestCaseData($"{header}.{TestTokens.Base64Url("not json")}.c2ln").SetArgDisplayNames("non-JSON payload");
        yield return new TestCaseData($"{TestTokens.Base64Url(new string('{', 5000))}.e30.c2ln").SetArgDisplayNames("deeply nested header");
        yield return new TestCaseData("..").SetArgDisplayNames("empty segments");
    }

    [TestCaseSource(nameof(MalformedTokens))]
    public async Task MalformedToken_Returns401(string token)
    {
        await ShouldBeRejectedAsync(token);
    }

    [Test]
    public async Task VeryLargeToken_Returns401()
    {
        // Even signed by the service's key: anything over the 8 KB cap is refused before its JSON is parsed.
        var header = $$"""{"alg":"ES256","typ":"at+jwt","kid":"{{_serviceKeyId}}","pad":"{{new string('x', 100_000)}}"}""";
        var token = TestTokens.Raw(header, TestTokens.Payload(_session), TestTokens.Es256(TestTokens.ServiceEcdsa(Factory)));

        await ShouldBeRejectedAsync(token);
    }

    [Test]
    public async Task TokenOfADeletedUser_Returns401()
    {
        await using (var connection = await Database.OpenAsync())
        await using (var delete = new Npgsql.NpgsqlCommand("delete from users", connection))
        {
            await delete.ExecuteNonQueryAsync();
        }

        _databaseBefore = await DatabaseStateAsync();

        foreach (var route in new[] { "/api/profile", "/api/dashboard" })
        {
            using var response = await Api.GetAsync(route, _session.AccessToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), route);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        }

        Assert.That(await DatabaseStateAsync(), Is.EqualTo(_databaseBefore));
    }

    /// <summary>The header the service itself writes, with another algorithm if asked.</summary>
    private string Header(string alg = "ES256") => $$"""{"alg":"{{alg}}","kid":"{{_serviceKeyId}}","typ":"at+jwt"}""";

    private async Task ShouldBeRejectedAsync(string token)
    {
        using (var response = await Api.GetAsync(ProtectedRoute, token))
        {
            await ShouldBeUnauthorizedAsync(response);
        }

        Assert.That(await DatabaseStateAsync(), Is.EqualTo(_databaseBefore), "the database is unchanged");
    }

    private static async Task ShouldBeUnauthorizedAsync(HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    /// <summary>Everything an attack could change: accounts, logins, refresh tokens and their revocation, signing keys.</summary>
    private async Task<string> DatabaseStateAsync() => await Database.ScalarAsync<string>(
        """
        select concat_ws('|',
            (select string_agg(id::text || coalesce(last_login_at::text, ''), ',' order by id) from users),
            (select string_agg(id::text || coalesce(revoked_at::text, '') || coalesce(replaced_by_token_id::text, ''), ',' order by id) from refresh_tokens),
            (select string_agg(id || coalesce(superseded_at::text, ''), ',' order by id) from signing_keys))
        """) ?? "";

    private static byte[] Hmac(string alg, byte[] key, byte[] input) => alg switch
    {
        "HS384" => HMACSHA384.HashData(key, input),
        "HS512" => HMACSHA512.HashData(key, input),
        _ => HMACSHA256.HashData(key, input),
    };
}
