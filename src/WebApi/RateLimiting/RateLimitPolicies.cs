namespace AuthFlow.WebApi.RateLimiting;

/// <summary>
/// The named rate-limit policies and their defaults. To add one: a constant and a default here, then
/// <c>[EnableRateLimiting(name)]</c> for a per-IP limit, or <c>[RateLimitPerAccount(name)]</c> for a per-(email, IP)
/// limit on an action whose body implements <see cref="Contracts.IAccountRequest"/>. Every policy is configurable as
/// <c>RateLimiting:&lt;name&gt;:PermitLimit</c> and <c>RateLimiting:&lt;name&gt;:WindowSeconds</c>.
/// </summary>
public static class RateLimitPolicies
{
    public const string LoginPerIp = "LoginPerIp";
    public const string LoginPerAccountAndIp = "LoginPerAccountAndIp";
    public const string RegisterPerIp = "RegisterPerIp";
    public const string RegisterPerAccountAndIp = "RegisterPerAccountAndIp";
    public const string RefreshPerIp = "RefreshPerIp";

    /// <summary>Requests that mail a link (forgot-password, resend-verification).</summary>
    public const string EmailLinkPerIp = "EmailLinkPerIp";
    public const string EmailLinkPerAccountAndIp = "EmailLinkPerAccountAndIp";

    /// <summary>Requests that redeem an emailed token (reset-password, verify-email).</summary>
    public const string TokenRedeemPerIp = "TokenRedeemPerIp";

    /// <summary>Per-IP policies, partitioned by the client address alone.</summary>
    public static readonly string[] PerIp = [LoginPerIp, RegisterPerIp, RefreshPerIp, EmailLinkPerIp, TokenRedeemPerIp];

    /// <summary>Per-(email, IP) policies, applied after model binding by <see cref="RateLimitPerAccountAttribute"/>.</summary>
    public static readonly string[] PerAccountAndIp = [LoginPerAccountAndIp, RegisterPerAccountAndIp, EmailLinkPerAccountAndIp];

    public static Dictionary<string, RateLimitRule> Defaults() => new(StringComparer.OrdinalIgnoreCase)
    {
        [LoginPerIp] = new() { PermitLimit = 30, WindowSeconds = 60 },
        [LoginPerAccountAndIp] = new() { PermitLimit = 10, WindowSeconds = 300 },
        [RegisterPerIp] = new() { PermitLimit = 10, WindowSeconds = 300 },
        [RegisterPerAccountAndIp] = new() { PermitLimit = 3, WindowSeconds = 300 },
        [RefreshPerIp] = new() { PermitLimit = 60, WindowSeconds = 60 },
        [EmailLinkPerIp] = new() { PermitLimit = 10, WindowSeconds = 300 },
        [EmailLinkPerAccountAndIp] = new() { PermitLimit = 3, WindowSeconds = 300 },
        [TokenRedeemPerIp] = new() { PermitLimit = 20, WindowSeconds = 300 },
    };
}
