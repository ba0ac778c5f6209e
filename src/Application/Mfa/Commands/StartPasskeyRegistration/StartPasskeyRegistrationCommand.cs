using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Mfa;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.StartPasskeyRegistration;

/// <summary>Starts registering a passkey: options for <c>navigator.credentials.create()</c> and the id of their challenge.</summary>
public sealed record StartPasskeyRegistrationCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods) : ICommand<Result<PasskeyCeremonyStart>>;

/// <summary>A WebAuthn ceremony's options (JSON, as the specification shapes them) and the id to send back with the answer.</summary>
public sealed record PasskeyCeremonyStart(Guid ChallengeId, string OptionsJson);

public sealed class StartPasskeyRegistrationCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    IWebAuthn webAuthn,
    TimeProvider timeProvider) : ICommandHandler<StartPasskeyRegistrationCommand, Result<PasskeyCeremonyStart>>
{
    public async ValueTask<Result<PasskeyCeremonyStart>> Handle(StartPasskeyRegistrationCommand command, CancellationToken cancellationToken)
    {
        if (!webAuthn.IsAvailable)
        {
            return AuthErrors.PasskeysUnavailable;
        }

        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var existing = await secondFactors.ListPasskeysAsync(user.Id, cancellationToken);
        var options = webAuthn.CreateRegistrationOptions(user, existing.Select(p => p.CredentialId));
        var challenge = PasskeyChallenge.Start(user.Id, PasskeyCeremony.Registration, options, timeProvider.GetUtcNow());
        secondFactors.AddChallenge(challenge);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new PasskeyCeremonyStart(challenge.Id, options);
    }
}
