using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.VerifyEmail;

/// <summary>
/// Proves an address with the token mailed to it: a verification token marks the account's email verified; an
/// email-change token moves the account to the new address it carries (unless another account took it meanwhile).
/// </summary>
public sealed record VerifyEmailCommand(string Token) : ICommand<Result<Unit>>;

public sealed class VerifyEmailCommandHandler(
    IUnitOfWork unitOfWork,
    OneTimeTokens oneTimeTokens,
    IUserRepository users,
    IConfusableSkeleton confusables,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<VerifyEmailCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await oneTimeTokens.FindRedeemableAsync(command.Token, UserTokenPurpose.EmailVerification, now, cancellationToken) is not var (token, user))
        {
            return await oneTimeTokens.FindRedeemableAsync(command.Token, UserTokenPurpose.EmailChange, now, cancellationToken) is var (change, owner)
                ? await ChangeEmailAsync(change, owner, now, cancellationToken)
                : AuthErrors.InvalidVerificationToken;
        }

        // used_at is a concurrency token: when another request redeemed the token first, nothing is stored.
        token.Consume(now);
        user.VerifyEmail(now);
        auditLog.Add(new AuditEntry(AuditEventTypes.EmailVerified, user.Id));
        return await unitOfWork.TrySaveChangesAsync(cancellationToken) ? Unit.Value : AuthErrors.InvalidVerificationToken;
    }

    private async Task<Result<Unit>> ChangeEmailAsync(UserToken token, User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newEmail = token.NewEmail!;
        var emailSkeleton = confusables.EmailSkeleton(newEmail);
        // The holder of the new address learns here, and only here, that an account already has it (or a look-alike).
        if (await users.IsEmailTakenAsync(User.NormalizeEmail(newEmail), emailSkeleton, cancellationToken))
        {
            return AuthErrors.EmailTaken;
        }

        token.Consume(now);
        user.ChangeEmail(newEmail, emailSkeleton, now);
        auditLog.Add(new AuditEntry(AuditEventTypes.EmailChanged, user.Id));
        if (await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return Unit.Value;
        }

        // Either another request redeemed the token first, or an account took the address in between (a unique index).
        return await users.IsEmailTakenAsync(User.NormalizeEmail(newEmail), emailSkeleton, cancellationToken)
            ? AuthErrors.EmailTaken
            : AuthErrors.InvalidVerificationToken;
    }
}
