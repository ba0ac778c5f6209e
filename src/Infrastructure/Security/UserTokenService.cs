using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

internal sealed class UserTokenService(IOptions<EmailOptions> options) : IUserTokenService
{
    /// <summary>How long the password step of a login with a second factor stays good for (issue 12: five minutes).</summary>
    public static readonly TimeSpan MfaTokenLifetime = TimeSpan.FromMinutes(5);

    public TimeSpan ResendCooldown => TimeSpan.FromSeconds(options.Value.ResendCooldownSeconds);

    public UserTokenSecret Create()
    {
        var value = OpaqueTokens.NewValue();
        return new UserTokenSecret(value, Hash(value));
    }

    public string Hash(string value) => OpaqueTokens.Hash(value);

    public TimeSpan LifetimeOf(UserTokenPurpose purpose) => purpose switch
    {
        UserTokenPurpose.PasswordReset => TimeSpan.FromMinutes(options.Value.ResetTokenMinutes),
        UserTokenPurpose.EmailVerification or UserTokenPurpose.EmailChange => TimeSpan.FromHours(options.Value.VerificationTokenHours),
        UserTokenPurpose.MfaLogin => MfaTokenLifetime,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown token purpose."),
    };
}
