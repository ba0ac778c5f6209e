using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Mfa.Common;
using AuthFlow.Domain.Mfa;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.RegisterPasskey;

/// <summary>
/// Stores the passkey the browser created for <paramref name="ChallengeId"/>'s options, under <paramref name="Name"/>.
/// When it is the account's first second factor, the answer carries the new recovery codes, shown once.
/// </summary>
public sealed record RegisterPasskeyCommand(
    Guid UserId, IReadOnlyCollection<string> AuthenticationMethods, Guid ChallengeId, string Name, string CredentialJson)
    : ICommand<Result<RegisteredPasskey>>;

public sealed record RegisteredPasskey(string Name, DateTimeOffset CreatedAt, IReadOnlyList<string>? RecoveryCodes);

public sealed class RegisterPasskeyCommandHandler(
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    IWebAuthn webAuthn,
    RecoveryCodeSet recoveryCodes,
    TimeProvider timeProvider) : ICommandHandler<RegisterPasskeyCommand, Result<RegisteredPasskey>>
{
    public async ValueTask<Result<RegisteredPasskey>> Handle(RegisterPasskeyCommand command, CancellationToken cancellationToken)
    {
        if (await guard.RequireStepUpAsync(command.UserId, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var now = timeProvider.GetUtcNow();
        var challenge = await secondFactors.FindChallengeAsync(command.ChallengeId, cancellationToken);
        if (challenge is null || challenge.UserId != command.UserId || !challenge.IsUsable(PasskeyCeremony.Registration, now))
        {
            return AuthErrors.PasskeyRegistrationFailed;
        }

        var name = command.Name.Trim();
        var existing = await secondFactors.ListPasskeysAsync(command.UserId, cancellationToken);
        if (existing.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return AuthErrors.PasskeyNameTaken;
        }

        if (await webAuthn.VerifyRegistrationAsync(challenge.OptionsJson, command.CredentialJson, cancellationToken) is not { } credential)
        {
            return AuthErrors.PasskeyRegistrationFailed;
        }

        var firstFactor = (await secondFactors.MethodsOfAsync(command.UserId, cancellationToken)).Count == 0;
        challenge.Consume(now);
        var passkey = Passkey.Register(command.UserId, name, credential.CredentialId, credential.PublicKey, credential.SignCount, credential.UserHandle, now);
        secondFactors.AddPasskey(passkey);
        var codes = firstFactor ? await recoveryCodes.ReplaceAsync(command.UserId, now, cancellationToken) : null;
        // The challenge's used_at is a concurrency token, and credential ids are unique: a replayed answer stores nothing.
        return await unitOfWork.TrySaveChangesAsync(cancellationToken)
            ? new RegisteredPasskey(passkey.Name, passkey.CreatedAt, codes)
            : AuthErrors.PasskeyRegistrationFailed;
    }
}
