using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Account.Commands.ChangeEmail;

/// <summary>
/// A signed-in user asks to move the account to <paramref name="NewEmail"/>: a confirmation link goes to the new
/// address and a notice to the current one; the email changes only when the link is used (at <c>verify-email</c>).
/// Whether another account holds the new address is not told here: the change fails at confirmation instead.
/// </summary>
public sealed record ChangeEmailCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods, string Password, string NewEmail)
    : ICommand<Result<Unit>>;

public sealed class ChangeEmailCommandHandler(
    IUserRepository users,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    TimeProvider timeProvider) : ICommandHandler<ChangeEmailCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ChangeEmailCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        if (User.NormalizeEmail(command.NewEmail) == user.NormalizedEmail)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["newEmail"] = ["The new email is the account's current email."] });
        }

        if (await guard.ConfirmPasswordAsync(user, command.Password, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        var token = await oneTimeTokens.IssueEmailChangeAsync(user.Id, command.NewEmail, now, cancellationToken);
        emails.QueueEmailChangeConfirmation(user, command.NewEmail.Trim(), token);
        emails.QueueEmailChangeNotice(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
