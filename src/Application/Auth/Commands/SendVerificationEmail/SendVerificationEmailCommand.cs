using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.SendVerificationEmail;

/// <summary>
/// Mails a new verification link to an unverified account, at most once per cooldown
/// (<see cref="IUserTokenService.VerificationResendCooldown"/>). Run in the background for
/// <c>ResendVerificationCommand</c>, so that whether the account exists, is verified or is cooling down never shows.
/// </summary>
public sealed record SendVerificationEmailCommand(string Email) : ICommand<Result<Unit>>;

public sealed class SendVerificationEmailCommandHandler(
    IUserRepository users,
    IUserTokenRepository userTokens,
    IUserTokenService userTokenService,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<SendVerificationEmailCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(SendVerificationEmailCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(command.Email), cancellationToken);
        if (user is null || user.EmailVerified)
        {
            return Unit.Value;
        }

        var now = timeProvider.GetUtcNow();
        var lastSent = await userTokens.LastIssuedAtAsync(user.Id, UserTokenPurpose.EmailVerification, cancellationToken);
        if (lastSent is { } sent && now - sent < userTokenService.VerificationResendCooldown)
        {
            return Unit.Value;
        }

        var token = await oneTimeTokens.IssueAsync(user.Id, UserTokenPurpose.EmailVerification, now, cancellationToken);
        emails.QueueEmailVerification(user, token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
