namespace AuthFlow.Domain.Users;

/// <summary>
/// The <c>amr</c> values (RFC 8176) AuthFlow records on a session: how the user proved who they were at login.
/// </summary>
public static class AuthenticationMethods
{
    /// <summary>A password.</summary>
    public const string Password = "pwd";

    /// <summary>A one-time password: a TOTP code from an authenticator app, or a recovery code.</summary>
    public const string OneTimePassword = "otp";

    /// <summary>A hardware-bound key: a passkey (WebAuthn).</summary>
    public const string HardwareKey = "hwk";

    /// <summary>True when the methods include a second factor (anything but a password).</summary>
    public static bool IncludeSecondFactor(IEnumerable<string> methods) =>
        methods.Any(m => m is OneTimePassword or HardwareKey);
}
