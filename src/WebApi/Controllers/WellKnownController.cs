using AuthFlow.Application.Keys.Queries.GetDiscoveryDocument;
using AuthFlow.Application.Keys.Queries.GetJsonWebKeySet;
using AuthFlow.Infrastructure.Security;
using AuthFlow.WebApi.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.Controllers;

/// <summary>
/// What other services need to verify AuthFlow's access tokens. Cached for a few minutes, well below the time a new
/// key is published before it signs (<c>Jwt:Keys:PublishLeadMinutes</c>).
/// </summary>
[AllowAnonymous]
[Route(".well-known")]
public sealed class WellKnownController(ISender sender, IOptions<JwtOptions> jwt) : ApiController
{
    [HttpGet("jwks.json")]
    [EndpointName("getJwks")]
    [EndpointSummary("Get the signing keys (JWKS)")]
    [EndpointDescription("The public keys that verify access tokens: the signing key, the next one and those not yet retired. EC keys carry `crv`, `x` and `y`; RSA keys `n` and `e`.")]
    [ResponseCache(Duration = SigningKeyOptions.JwksMaxAgeSeconds, Location = ResponseCacheLocation.Any)]
    [ProducesResponseType<JsonWebKeySetResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Jwks(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetJsonWebKeySetQuery(), cancellationToken);
        return Respond(result, keys => Ok(new JsonWebKeySetResponse(keys.Select(JsonWebKeyResponse.From).ToList())));
    }

    [HttpGet("openid-configuration")]
    [EndpointName("getOpenIdConfiguration")]
    [EndpointSummary("Get the discovery document")]
    [EndpointDescription("The issuer, the JWKS address and the signing algorithm (OpenID Connect Discovery).")]
    [ResponseCache(Duration = SigningKeyOptions.JwksMaxAgeSeconds, Location = ResponseCacheLocation.Any)]
    [ProducesResponseType<DiscoveryResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult> OpenIdConfiguration(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetDiscoveryDocumentQuery(), cancellationToken);
        return Respond(result, document => Ok(new DiscoveryResponse(document.Issuer, $"{PublicBaseUrl()}/.well-known/jwks.json", document.SigningAlgorithms)));
    }

    /// <summary><c>Jwt:PublicBaseUrl</c> when configured (production); otherwise what the request says it was sent to.</summary>
    private string PublicBaseUrl() =>
        jwt.Value.PublicBaseUrl.Length > 0 ? jwt.Value.PublicBaseUrl.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
