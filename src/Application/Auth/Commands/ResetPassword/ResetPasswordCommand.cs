using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.ResetPassword;

/// <summary>Sets a new password with the token from a reset email, and ends every session of the account.</summary>
public sealed record ResetPasswordCommand(string Token, string Password) : ICommand<Result<Unit>>;

public sealed class ResetPasswordCommandHandler(
    IUnitOfWork unitOfWork,
    ISessionRepository sessions,
    OneTimeTokens oneTimeTokens,
    IPasswordPolicy passwordPolicy,
    IPasswordHasher passwordHasher,
    IPasswordHashingGate hashingGate,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<ResetPasswordCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await oneTimeTokens.FindRedeemableAsync(command.Token, UserTokenPurpose.PasswordReset, now, cancellationToken) is not var (token, user))
        {
            return AuthErrors.InvalidResetToken;
        }

        // The validator applied the policy without the account; only now are its email and username known.
        var refusals = passwordPolicy.Check(command.Password, user.Email, user.Username);
        if (refusals.Count > 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["password"] = [.. refusals] });
        }

        if (await hashingGate.TryHashAsync(passwordHasher, command.Password, cancellationToken) is not { } passwordHash)
        {
            return AuthErrors.BusyFor(hashingGate.RetryAfter);
        }

        // Sessions end before the new password is stored: if anything fails in between, the old sessions are gone
        // and the token still works, never the other way round (see ADR 0008). Ending them also refuses their
        // access tokens on every instance.
        var ended = await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.PasswordReset, now, exceptSessionId: null, cancellationToken);

        token.Consume(now);
        user.ChangePasswordHash(passwordHash);
        // Stored with the new password, or not at all.
        auditLog.Add(new AuditEntry(AuditEventTypes.PasswordReset, user.Id));
        if (ended > 0)
        {
            auditLog.Add(new AuditEntry(AuditEventTypes.SessionEnded, user.Id, Details: new Dictionary<string, object?>
            {
                ["reason"] = "reset",
                ["sessions"] = ended,
            }));
        }

        // used_at and the password hash are concurrency tokens: a lost race with another redemption stores nothing.
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return AuthErrors.InvalidResetToken;
        }

        // Once more, now that the new hash is stored: a login that verified the old password while this reset ran
        // either committed its session before the new hash (and that session ends here), or finds the hash changed and
        // stores nothing (the hash is a concurrency token). Not cancellable: the password has already changed.
        await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.PasswordReset, now, exceptSessionId: null, CancellationToken.None);
        return Unit.Value;
    }
}
