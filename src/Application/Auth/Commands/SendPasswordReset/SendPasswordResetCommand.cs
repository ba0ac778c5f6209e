using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.SendPasswordReset;

/// <summary>
/// Mails a password reset link when an account has this email: issues the token and queues the email in one save.
/// Within the resend cooldown of the account's last reset link it sends nothing and leaves that link usable
/// (<see cref="OneTimeTokens.IssueUnlessCoolingDownAsync"/>).
/// Run in the background for <c>ForgotPasswordCommand</c>, so that no caller can time it.
/// </summary>
public sealed record SendPasswordResetCommand(string Email) : ICommand<Result<Unit>>;

public sealed class SendPasswordResetCommandHandler(
    IUserRepository users,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IUnitOfWork unitOfWork,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<SendPasswordResetCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(SendPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(command.Email), cancellationToken);
        if (user is null)
        {
            return Unit.Value;
        }

        var token = await oneTimeTokens.IssueUnlessCoolingDownAsync(user.Id, UserTokenPurpose.PasswordReset, timeProvider.GetUtcNow(), cancellationToken);
        if (token is null)
        {
            return Unit.Value;
        }

        emails.QueuePasswordReset(user, token);
        auditLog.Add(new AuditEntry(AuditEventTypes.PasswordResetRequested, user.Id));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
