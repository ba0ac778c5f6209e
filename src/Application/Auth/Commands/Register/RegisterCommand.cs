using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Application.Common.Results;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;
using MapsterMapper;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.Register;

public sealed record RegisterCommand(string Username, string Email, string Password) : ICommand<Result<UserDto>>;

public sealed class RegisterCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IPasswordHashingGate hashingGate,
    IConfusableSkeleton confusables,
    OneTimeTokens oneTimeTokens,
    IAccountEmails emails,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    IMapper mapper) : ICommandHandler<RegisterCommand, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        // A look-alike of an existing account's email is answered exactly as that email would be: no hint of which.
        // A cheap early answer that spares a bcrypt hash; the unique indexes below are what actually decide.
        var emailSkeleton = confusables.EmailSkeleton(command.Email);
        if (await users.IsEmailTakenAsync(User.NormalizeEmail(command.Email), emailSkeleton, cancellationToken))
        {
            return AuthErrors.EmailTaken;
        }

        if (await hashingGate.TryHashAsync(passwordHasher, command.Password, cancellationToken) is not { } passwordHash)
        {
            return AuthErrors.BusyFor(hashingGate.RetryAfter);
        }

        var now = timeProvider.GetUtcNow();
        var user = User.Register(command.Username, command.Email, passwordHash, now, emailSkeleton);

        // The verification token and its email are stored with the account, in the same transaction.
        var verificationToken = oneTimeTokens.IssueFirst(user.Id, UserTokenPurpose.EmailVerification, now);
        emails.QueueEmailVerification(user, verificationToken);
        auditLog.Add(new AuditEntry(AuditEventTypes.UserRegistered, user.Id));
        auditLog.Add(new AuditEntry(AuditEventTypes.EmailVerificationSent, user.Id));

        if (!await users.TryAddAsync(user, cancellationToken))
        {
            return AuthErrors.EmailTaken;
        }

        return mapper.Map<UserDto>(user);
    }
}
