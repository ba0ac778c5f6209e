using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Runs a command after the request has been answered, in a scope of its own. Used where the answer must not
/// depend on (or take longer because of) what the command finds, such as whether an account exists.
/// Queued commands live in memory: a crash loses those not yet run.
/// </summary>
public interface IBackgroundCommands
{
    /// <summary>Queues the command; false when the queue is full and the command was dropped.</summary>
    bool TryEnqueue(ICommand<Result<Unit>> command);
}
