using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// Queues the emails a user receives. The email is tracked with the current unit of work, so it is stored in the
/// same transaction as the token it carries and sent later by the outbox dispatcher.
/// </summary>
public interface IAccountEmails
{
    void QueuePasswordReset(User user, string token);

    void QueueEmailVerification(User user, string token);

    /// <summary>The link that moves the account to <paramref name="newEmail"/>, mailed to that new address.</summary>
    void QueueEmailChangeConfirmation(User user, string newEmail, string token);

    /// <summary>Tells the account's current address that a move to another address was asked for.</summary>
    void QueueEmailChangeNotice(User user);
}
