using System.Text.Json.Serialization;
using AuthFlow.Application.Common.Interfaces;

namespace AuthFlow.WebApi.Contracts;

/// <summary>A JSON Web Key Set (RFC 7517): public parameters only.</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<JsonWebKeyResponse> Keys);

/// <summary>One public key; the members that do not apply to its type are left out.</summary>
public sealed record JsonWebKeyResponse(
    string Kty,
    string Kid,
    string Alg,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Crv,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? X,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? N,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? E)
{
    public string Use => "sig";

    public static JsonWebKeyResponse From(PublicJsonWebKey key) => new(key.Kty, key.Kid, key.Alg, key.Crv, key.X, key.Y, key.N, key.E);
}

/// <summary>The provider metadata other services read to find the issuer and its keys (OpenID Connect Discovery 1.0).</summary>
public sealed record DiscoveryResponse(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);
