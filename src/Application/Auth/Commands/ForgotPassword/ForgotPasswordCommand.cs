using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.ForgotPassword;

/// <summary>
/// Mails a password reset link when an account has this email. The caller always gets the same answer, and no
/// password is hashed either way, so the response tells nothing about whether the account exists.
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand<Result<Unit>>;

public sealed class ForgotPasswordCommandHandler(
    IUserRepository users,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IUnitOfWork unitOfWork,
    TimeProvider timeProvider) : ICommandHandler<ForgotPasswordCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(User.NormalizeEmail(command.Email), cancellationToken);
        if (user is null)
        {
            return Unit.Value;
        }

        var token = await oneTimeTokens.IssueAsync(user.Id, UserTokenPurpose.PasswordReset, timeProvider.GetUtcNow(), cancellationToken);
        emails.QueuePasswordReset(user, token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
