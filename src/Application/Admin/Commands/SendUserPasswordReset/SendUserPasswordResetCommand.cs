using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Admin.Commands.SendUserPasswordReset;

/// <summary>
/// An administrator mails the account a password reset link (the flow of forgot-password, without its cooldown: an
/// administrator asked for it). The link goes to the account's address only; the administrator never sees it.
/// </summary>
public sealed record SendUserPasswordResetCommand(Guid UserId) : ICommand<Result<Unit>>;

public sealed class SendUserPasswordResetCommandHandler(
    IUserRepository users,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IAuditLog auditLog,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<SendUserPasswordResetCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(SendUserPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.UserId, cancellationToken);
        if (user is null)
        {
            return AuthErrors.UserNotFound;
        }

        var token = await oneTimeTokens.IssueAsync(user.Id, UserTokenPurpose.PasswordReset, timeProvider.GetUtcNow(), cancellationToken);
        emails.QueuePasswordReset(user, token);
        auditLog.Add(new AuditEntry(AuditEventTypes.PasswordResetRequested, user.Id, Details: new Dictionary<string, object?> { ["by"] = "admin" }));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
