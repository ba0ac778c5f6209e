using AuthFlow.Application.Account.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using AuthFlow.Application.Mfa.Common;
using Mediator;

namespace AuthFlow.Application.Mfa.Commands.RegenerateRecoveryCodes;

/// <summary>
/// Replaces the account's recovery codes with a new set (the old ones stop working), confirmed with the password or a
/// current code from the authenticator app.
/// </summary>
public sealed record RegenerateRecoveryCodesCommand(Guid UserId, IReadOnlyCollection<string> AuthenticationMethods, string? Password, string? Code)
    : ICommand<Result<IReadOnlyList<string>>>;

public sealed class RegenerateRecoveryCodesCommandHandler(
    IUserRepository users,
    ISecondFactorRepository secondFactors,
    IUnitOfWork unitOfWork,
    AccountGuard guard,
    SecondFactorCheck secondFactorCheck,
    RecoveryCodeSet recoveryCodes,
    TimeProvider timeProvider) : ICommandHandler<RegenerateRecoveryCodesCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(RegenerateRecoveryCodesCommand command, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(command.UserId, cancellationToken) is not { } user)
        {
            return AuthErrors.InvalidToken;
        }

        if ((await secondFactors.MethodsOfAsync(user.Id, cancellationToken)).Count == 0)
        {
            return AuthErrors.MfaNotEnabled;
        }

        if (await guard.RequireStepUpAsync(user.Id, command.AuthenticationMethods, cancellationToken) is { } stepUp)
        {
            return stepUp;
        }

        var now = timeProvider.GetUtcNow();
        if (!string.IsNullOrEmpty(command.Password))
        {
            if (await guard.ConfirmPasswordAsync(user, command.Password, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        else if (await secondFactorCheck.VerifyAsync(user.Id, command.Code, recoveryCode: null, now, cancellationToken) is { IsSuccess: false } check)
        {
            return check.Error!;
        }

        var codes = await recoveryCodes.ReplaceAsync(user.Id, now, cancellationToken);
        return await unitOfWork.TrySaveChangesAsync(cancellationToken) ? Result<IReadOnlyList<string>>.Success(codes) : AuthErrors.InvalidMfaCode;
    }
}
