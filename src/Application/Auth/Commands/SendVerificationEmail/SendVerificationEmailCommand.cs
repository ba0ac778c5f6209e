using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.SendVerificationEmail;

/// <summary>
/// Mails a new verification link to an unverified account, at most once per cooldown
/// (<see cref="OneTimeTokens.IssueUnlessCoolingDownAsync"/>). Run in the background for
/// <c>ResendVerificationCommand</c>, so that whether the account exists, is verified or is cooling down never shows.
/// </summary>
public sealed record SendVerificationEmailCommand(string Email) : ICommand<Result<Unit>>;

public sealed class SendVerificationEmailCommandHandler(
    IUserRepository users,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IUnitOfWork unitOfWork,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<SendVerificationEmailCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(SendVerificationEmailCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(command.Email), cancellationToken);
        if (user is null || user.EmailVerified)
        {
            return Unit.Value;
        }

        var token = await oneTimeTokens.IssueUnlessCoolingDownAsync(
            user.Id, UserTokenPurpose.EmailVerification, timeProvider.GetUtcNow(), cancellationToken);
        if (token is null)
        {
            return Unit.Value;
        }

        emails.QueueEmailVerification(user, token);
        auditLog.Add(new AuditEntry(AuditEventTypes.EmailVerificationSent, user.Id));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
