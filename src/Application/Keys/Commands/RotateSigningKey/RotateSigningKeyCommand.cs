using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Keys.Commands.RotateSigningKey;

/// <summary>Rotates the signing key on demand (the <c>keys rotate</c> command line).</summary>
public sealed record RotateSigningKeyCommand : ICommand<Result<SigningKeyInfo>>;

public sealed class RotateSigningKeyCommandHandler(ISigningKeyStore keys, TimeProvider clock)
    : ICommandHandler<RotateSigningKeyCommand, Result<SigningKeyInfo>>
{
    public async ValueTask<Result<SigningKeyInfo>> Handle(RotateSigningKeyCommand command, CancellationToken cancellationToken)
    {
        if (!keys.ManagesKeys)
        {
            return AuthErrors.SigningKeysNotManaged;
        }

        return await keys.RotateAsync(clock.GetUtcNow(), cancellationToken);
    }
}
