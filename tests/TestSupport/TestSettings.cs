namespace AuthFlow.TestSupport;

/// <summary>The configuration every test host runs with. The signing key is made per run, never committed.</summary>
public static class TestSettings
{
    public const string Issuer = "authflow-tests";
    public const string Audience = "authflow-tests-api";

    public const string ResetUrl = "https://app.example.test/reset-password";
    public const string VerifyUrl = "https://app.example.test/verify-email";

    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public static Dictionary<string, string?> For(string connectionString) => new()
    {
        ["ConnectionStrings:AuthFlow"] = connectionString,
        ["Jwt:Issuer"] = Issuer,
        ["Jwt:Audience"] = Audience,
        ["Jwt:SigningKey"] = SigningKey,
        ["Jwt:AccessTokenMinutes"] = "15",
        ["Jwt:RefreshTokenDays"] = "7",
        // The lowest bcrypt cost keeps the suite fast; the cost itself is covered by the hasher's tests.
        ["PasswordHashing:WorkFactor"] = "4",
        ["Database:MigrateOnStartup"] = "false",
        ["Email:ResetUrl"] = ResetUrl,
        ["Email:VerifyUrl"] = VerifyUrl,
    };
}
