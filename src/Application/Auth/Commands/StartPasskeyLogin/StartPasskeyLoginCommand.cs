using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Mfa.Commands.StartPasskeyRegistration;
using AuthFlow.Domain.Mfa;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.StartPasskeyLogin;

/// <summary>
/// Starts a passkey assertion: options for <c>navigator.credentials.get()</c>, for a sign-in without a password or for
/// the second step of a login (<c>login/mfa</c>).
/// </summary>
public sealed record StartPasskeyLoginCommand : ICommand<Result<PasskeyCeremonyStart>>;

public sealed class StartPasskeyLoginCommandHandler(
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    IWebAuthn webAuthn,
    TimeProvider timeProvider) : ICommandHandler<StartPasskeyLoginCommand, Result<PasskeyCeremonyStart>>
{
    public async ValueTask<Result<PasskeyCeremonyStart>> Handle(StartPasskeyLoginCommand command, CancellationToken cancellationToken)
    {
        if (!webAuthn.IsAvailable)
        {
            return AuthErrors.PasskeysUnavailable;
        }

        var options = webAuthn.CreateAssertionOptions();
        var challenge = PasskeyChallenge.Start(userId: null, PasskeyCeremony.Authentication, options, timeProvider.GetUtcNow());
        secondFactors.AddChallenge(challenge);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new PasskeyCeremonyStart(challenge.Id, options);
    }
}
