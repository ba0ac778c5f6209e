using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using Mediator;

namespace AuthFlow.Application.Account.Commands.ChangePassword;

/// <summary>
/// A signed-in user sets a new password, confirming the current one. Every other session ends; the one of this
/// request (<paramref name="SessionId"/>) stays. <paramref name="AuthenticationMethods"/> is the access token's <c>amr</c>.
/// </summary>
public sealed record ChangePasswordCommand(
    Guid UserId, Guid SessionId, IReadOnlyCollection<string> AuthenticationMethods, string CurrentPassword, string NewPassword)
    : ICommand<Result<Unit>>;

public sealed class ChangePasswordCommandHandler(
    IUserRepository users,
    ISessionRepository sessions,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    IPasswordPolicy passwordPolicy,
    IPasswordHasher passwordHasher,
    IPasswordHashingGate hashingGate,
    IAuditLog auditLog,
    TimeProvider timeProvider) : ICommandHandler<ChangePasswordCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        // The validator applied the policy without the account; only now are its email and username known.
        var refusals = passwordPolicy.Check(command.NewPassword, user.Email, user.Username);
        if (refusals.Count > 0)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["newPassword"] = [.. refusals] });
        }

        if (await guard.ConfirmPasswordAsync(user, command.CurrentPassword, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await hashingGate.TryHashAsync(passwordHasher, command.NewPassword, cancellationToken) is not { } passwordHash)
        {
            return AuthErrors.Busy;
        }

        // As a reset does (ADR 0008): other sessions end before the new hash is stored and once more after, so that
        // a login that verified the old password meanwhile keeps no session.
        var now = timeProvider.GetUtcNow();
        await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.PasswordChanged, now, command.SessionId, cancellationToken);
        user.ChangePasswordHash(passwordHash);
        auditLog.Add(new AuditEntry(AuditEventTypes.PasswordChanged, user.Id));
        // The password hash is a concurrency token: of two concurrent changes, one stores nothing.
        if (!await unitOfWork.TrySaveChangesAsync(cancellationToken))
        {
            return AuthErrors.InvalidPassword;
        }

        await sessions.RevokeAllForUserAsync(user.Id, SessionRevocation.PasswordChanged, now, command.SessionId, CancellationToken.None);
        return Unit.Value;
    }
}
