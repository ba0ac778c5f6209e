using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Keys;

internal sealed class PublishedKeys(ISigningKeyRing ring, IOptions<JwtOptions> options) : IPublishedKeys
{
    public string Issuer => options.Value.Issuer;

    public string Algorithm => options.Value.Algorithm;

    public IReadOnlyList<PublicJsonWebKey> GetPublishedKeys(DateTimeOffset now) => ring.GetPublishedKeys(now);
}
