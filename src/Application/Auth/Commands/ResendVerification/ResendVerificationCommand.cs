using AuthFlow.Application.Auth.Commands.SendVerificationEmail;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Auth.Commands.ResendVerification;

/// <summary>
/// Asks for a new verification link. The caller always gets the same answer at once; the checks (account exists,
/// not yet verified, not within the cooldown) and the email happen afterwards (<see cref="SendVerificationEmailCommand"/>).
/// </summary>
public sealed record ResendVerificationCommand(string Email) : ICommand<Result<Unit>>;

public sealed class ResendVerificationCommandHandler(IBackgroundCommands background) : ICommandHandler<ResendVerificationCommand, Result<Unit>>
{
    public async ValueTask<Result<Unit>> Handle(ResendVerificationCommand command, CancellationToken cancellationToken)
    {
        await background.EnqueueAsync(new SendVerificationEmailCommand(command.Email), cancellationToken);
        return Unit.Value;
    }
}
