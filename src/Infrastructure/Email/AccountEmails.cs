using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Email;

/// <summary>Renders an account email and tracks it in the outbox, to be stored by the request's next save.</summary>
internal sealed class AccountEmails(
    AuthFlowDbContext db,
    IOptions<EmailOptions> options,
    IUserTokenService userTokens,
    TimeProvider timeProvider) : IAccountEmails
{
    public void QueuePasswordReset(User user, string token)
    {
        var email = options.Value;
        Queue(user, EmailTemplates.PasswordReset(
            email.ProductName, user.Username, EmailTemplates.Link(email.ResetUrl, token), userTokens.LifetimeOf(UserTokenPurpose.PasswordReset)));
    }

    public void QueueEmailVerification(User user, string token)
    {
        var email = options.Value;
        Queue(user, EmailTemplates.EmailVerification(
            email.ProductName, user.Username, EmailTemplates.Link(email.VerifyUrl, token), userTokens.LifetimeOf(UserTokenPurpose.EmailVerification)));
    }

    public void QueueEmailChangeConfirmation(User user, string newEmail, string token)
    {
        var email = options.Value;
        Queue(newEmail, EmailTemplates.EmailChangeConfirmation(
            email.ProductName, user.Username, EmailTemplates.Link(email.VerifyUrl, token), userTokens.LifetimeOf(UserTokenPurpose.EmailChange)));
    }

    public void QueueEmailChangeNotice(User user) =>
        Queue(user, EmailTemplates.EmailChangeNotice(options.Value.ProductName, user.Username));

    private void Queue(User user, EmailContent content) => Queue(user.Email, content);

    private void Queue(string address, EmailContent content) =>
        db.OutboxEmails.Add(OutboxEmail.Create(address, content, timeProvider.GetUtcNow()));
}
