using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests;

/// <summary>Small factories with sensible defaults: a test names only what it is about.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);

    public static User CreateUser(
        string username = "alice",
        string email = "alice@example.com",
        string passwordHash = "$2a$12$hash",
        DateTimeOffset? now = null) =>
        User.Register(username, email, passwordHash, now ?? Now);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromDays(30);

    public const string Salt = "successor-salt";

    public static Session StartSession(
        Guid? userId = null,
        string? ipAddress = "203.0.113.7",
        string? userAgent = "Mozilla/5.0",
        DateTimeOffset? now = null,
        TimeSpan? absoluteLifetime = null) =>
        Session.Start(userId ?? Guid.CreateVersion7(), ipAddress, userAgent, now ?? Now, absoluteLifetime ?? AbsoluteLifetime);

    public static RefreshToken IssueToken(
        Guid? userId = null,
        string tokenHash = "hash-of-first-token",
        DateTimeOffset? now = null,
        TimeSpan? lifetime = null) =>
        RefreshToken.IssueForSession(StartSession(userId, now: now), tokenHash, now ?? Now, lifetime ?? RefreshTokenLifetime);
}
