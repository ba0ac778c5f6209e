using AuthFlow.Application.Auth.Commands.SendPasswordReset;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.ForgotPassword;

/// <summary>
/// Asks for a password reset link. The caller always gets the same answer at once: the lookup, the token and the
/// email happen afterwards (<see cref="SendPasswordResetCommand"/>), so neither the answer nor its timing tells
/// whether the account exists.
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand<Result<Unit>>;

public sealed class ForgotPasswordCommandHandler(IBackgroundCommands background) : ICommandHandler<ForgotPasswordCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        await background.EnqueueAsync(new SendPasswordResetCommand(command.Email), cancellationToken);
        return Unit.Value;
    }
}
