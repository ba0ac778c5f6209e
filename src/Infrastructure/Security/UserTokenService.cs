using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

internal sealed class UserTokenService(IOptions<EmailOptions> options) : IUserTokenService
{
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
        UserTokenPurpose.EmailVerification => TimeSpan.FromHours(options.Value.VerificationTokenHours),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown token purpose."),
    };
}
