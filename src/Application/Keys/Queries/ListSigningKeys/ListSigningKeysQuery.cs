using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Keys.Queries.ListSigningKeys;

/// <summary>Every stored signing key with its dates (the <c>keys list</c> command line).</summary>
public sealed record ListSigningKeysQuery : IQuery<Result<IReadOnlyList<SigningKeyInfo>>>;

public sealed class ListSigningKeysQueryHandler(ISigningKeyStore keys)
    : IQueryHandler<ListSigningKeysQuery, Result<IReadOnlyList<SigningKeyInfo>>>
{
    public async ValueTask<Result<IReadOnlyList<SigningKeyInfo>>> Handle(ListSigningKeysQuery query, CancellationToken cancellationToken)
    {
        if (!keys.ManagesKeys)
        {
            return AuthErrors.SigningKeysNotManaged;
        }

        var list = await keys.ListAsync(cancellationToken);
        return Result<IReadOnlyList<SigningKeyInfo>>.Success(list);
    }
}
