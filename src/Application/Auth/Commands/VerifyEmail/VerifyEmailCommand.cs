using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Users;
using AuthFlow.Domain.Audit;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.VerifyEmail;

/// <summary>Marks the account's email verified with the token from a verification email.</summary>
public sealed record VerifyEmailCommand(string Token) : ICommand<Result<Unit>>;

public sealed class VerifyEmailCommandHandler(
    IUnitOfWork unitOfWork,
    OneTimeTokens oneTimeTokens,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<VerifyEmailCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await oneTimeTokens.FindRedeemableAsync(command.Token, UserTokenPurpose.EmailVerification, now, cancellationToken) is not var (token, user))
        {
            return AuthErrors.InvalidVerificationToken;
        }

        // used_at is a concurrency token: when another request redeemed the token first, nothing is stored.
        token.Consume(now);
        user.VerifyEmail(now);
        auditLog.Add(new AuditEntry(AuditEventTypes.EmailVerified, user.Id));
        return await unitOfWork.TrySaveChangesAsync(cancellationToken) ? Unit.Value : AuthErrors.InvalidVerificationToken;
    }
}
