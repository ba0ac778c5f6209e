using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Runs a command after the request has been answered, in a scope of its own. Used where the answer must not
/// depend on (or take longer because of) what the command finds, such as whether an account exists.
/// The command is stored in PostgreSQL before the answer, so a crash loses none: whichever instance runs next picks it up.
/// </summary>
public interface IBackgroundCommands
{
    /// <summary>
    /// Stores the command to be run (one INSERT, the same whatever the command will find). Throws when the database
    /// cannot store it, so the caller answers with an error rather than a promise it cannot keep.
    /// </summary>
    Task EnqueueAsync(ICommand<Result<Unit>> command, CancellationToken cancellationToken);
}
