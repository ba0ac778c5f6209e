namespace AuthFlow.TestSupport;

/// <summary>The configuration every test host runs with. The signing key is made per run, never committed.</summary>
public static class TestSettings
{
    public const string Issuer = "authflow-tests";
    public const string Audience = "authflow-tests-api";

    public const string ResetUrl = "https://app.example.test/reset-password";
    public const string VerifyUrl = "https://app.example.test/verify-email";

    /// <summary>The WebAuthn relying party of the test hosts, and the origin its pages run on.</summary>
    public const string PasskeyRelyingPartyId = "app.example.test";
    public const string PasskeyOrigin = "https://app.example.test";

    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    /// <summary>Encrypts the stored private keys (ES256 by default) of every test host of the run.</summary>
    public static readonly string KeyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static readonly string Pepper = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>High enough that no suite but the rate limiter's own tests ever meets a limit.</summary>
    public const string GenerousPermitLimit = "100000";

    public static Dictionary<string, string?> For(string connectionString) => new()
    {
        ["ConnectionStrings:AuthFlow"] = connectionString,
        ["Jwt:Issuer"] = Issuer,
        ["Jwt:Audience"] = Audience,
        ["Jwt:SigningKey"] = SigningKey,
        ["Jwt:KeyEncryptionKey"] = KeyEncryptionKey,
        ["Jwt:AccessTokenMinutes"] = "15",
        ["Jwt:RefreshTokenDays"] = "7",
        // The lowest bcrypt cost keeps the suite fast; the cost itself is covered by the hasher's tests.
        ["PasswordHashing:WorkFactor"] = "4",
        ["PasswordHashing:Pepper"] = Pepper,
        // Suites send bursts of parallel registrations; the gate's own tests set a small queue.
        ["PasswordHashing:QueueLimit"] = "1000",
        ["RateLimiting:LoginPerIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:LoginPerAccountAndIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:RegisterPerIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:RegisterPerAccountAndIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:RefreshPerIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:EmailLinkPerIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:EmailLinkPerAccountAndIp:PermitLimit"] = GenerousPermitLimit,
        ["RateLimiting:TokenRedeemPerIp:PermitLimit"] = GenerousPermitLimit,
        ["Database:MigrateOnStartup"] = "false",
        ["Email:ResetUrl"] = ResetUrl,
        ["Email:VerifyUrl"] = VerifyUrl,
        ["Passkeys:RelyingPartyId"] = PasskeyRelyingPartyId,
        ["Passkeys:Origins:0"] = PasskeyOrigin,
    };
}
