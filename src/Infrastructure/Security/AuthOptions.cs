using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Refuse logins (after the password matched) while the account's email is not verified.</summary>
    public bool RequireVerifiedEmail { get; set; }
}

internal sealed class SignInPolicy(IOptions<AuthOptions> options) : ISignInPolicy
{
    public bool RequireVerifiedEmail => options.Value.RequireVerifiedEmail;
}
