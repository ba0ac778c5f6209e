using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Keys.Queries.GetJsonWebKeySet;

/// <summary>The public keys that verify AuthFlow's access tokens right now (<c>/.well-known/jwks.json</c>).</summary>
public sealed record GetJsonWebKeySetQuery : IQuery<Result<IReadOnlyList<PublicJsonWebKey>>>;

public sealed class GetJsonWebKeySetQueryHandler(IPublishedKeys keys, TimeProvider clock)
    : IQueryHandler<GetJsonWebKeySetQuery, Result<IReadOnlyList<PublicJsonWebKey>>>
{
    public ValueTask<Result<IReadOnlyList<PublicJsonWebKey>>> Handle(GetJsonWebKeySetQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result<IReadOnlyList<PublicJsonWebKey>>.Success(keys.GetPublishedKeys(clock.GetUtcNow())));
}
