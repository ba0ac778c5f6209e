using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Mfa;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.EnrolTotp;

/// <summary>Starts setting up an authenticator app: a new secret, pending until a code from the app confirms it.</summary>
public sealed record EnrolTotpCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods) : ICommand<Result<TotpEnrolment>>;

/// <summary>What the user needs to add the account to their app; shown once.</summary>
public sealed record TotpEnrolment(string Secret, string OtpAuthUri, string QrCode);

public sealed class EnrolTotpCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    ITotp totp,
    TimeProvider timeProvider) : ICommandHandler<EnrolTotpCommand, Result<TotpEnrolment>>
{
    public async ValueTask<Result<TotpEnrolment>> Handle(EnrolTotpCommand command, CancellationToken cancellationToken)
    {
        if (!totp.IsAvailable)
        {
            return AuthErrors.TotpUnavailable;
        }

        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var existing = await secondFactors.FindTotpAsync(user.Id, cancellationToken);
        if (existing is { IsConfirmed: true })
        {
            return AuthErrors.TotpAlreadyEnabled;
        }

        // A set-up started again replaces the pending secret: only the newest one can be confirmed.
        if (existing is not null)
        {
            secondFactors.RemoveTotp(existing);
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        var setup = totp.CreateSetup(user.Id, user.Email);
        secondFactors.AddTotp(TotpAuthenticator.Enrol(user.Id, setup.EncryptedSecret, timeProvider.GetUtcNow()));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new TotpEnrolment(setup.Secret, setup.OtpAuthUri, setup.QrCodeDataUri);
    }
}
