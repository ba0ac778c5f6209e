using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Keys.Queries.GetDiscoveryDocument;

/// <summary>The issuer and the signing algorithm, for <c>/.well-known/openid-configuration</c>.</summary>
public sealed record DiscoveryDocument(string Issuer, IReadOnlyList<string> SigningAlgorithms);

public sealed record GetDiscoveryDocumentQuery : IQuery<Result<DiscoveryDocument>>;

public sealed class GetDiscoveryDocumentQueryHandler(IPublishedKeys keys) : IQueryHandler<GetDiscoveryDocumentQuery, Result<DiscoveryDocument>>
{
    public ValueTask<Result<DiscoveryDocument>> Handle(GetDiscoveryDocumentQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result<DiscoveryDocument>.Success(new DiscoveryDocument(keys.Issuer, [keys.Algorithm])));
}
