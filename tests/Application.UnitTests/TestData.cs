using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using FluentValidation.Results;
using MapsterMapper;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests;

/// <summary>Small factories with sensible defaults: a test names only what it is about.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);

    public const int AccessTokenLifetimeSeconds = 900;

    public const string Password = "correct horse battery staple";

    public const string PasswordHash = "$2a$12$stored-hash";

    public static FakeTimeProvider CreateClock(DateTimeOffset? now = null) => new(now ?? Now);

    /// <summary>The real mapping configuration, as the application registers it.</summary>
    public static IMapper CreateMapper() => new Mapper(MappingConfig.Create());

    /// <summary>An audit log that records nothing; what the trail holds is asserted by the integration tests.</summary>
    public static IAuditLog AuditLog() => Mock.Of<IAuditLog>();

    /// <summary>A unit of work whose saves succeed and whose transactions do nothing.</summary>
    public static Mock<IUnitOfWork> CreateUnitOfWork()
    {
        var unitOfWork = new Mock<IUnitOfWork>();
        unitOfWork.Setup(u => u.TrySaveChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        unitOfWork.Setup(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<IUnitOfWorkTransaction>());
        return unitOfWork;
    }

    public static User CreateUser(
        string username = "alice",
        string email = "alice@example.com",
        string passwordHash = PasswordHash,
        DateTimeOffset? createdAt = null) =>
        User.Register(username, email, passwordHash, createdAt ?? Now.AddDays(-30));

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);

    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromDays(30);

    public static readonly TimeSpan RefreshReuseGrace = TimeSpan.FromSeconds(10);

    public static Mock<ISessionPolicy> CreateSessionPolicy()
    {
        var policy = new Mock<ISessionPolicy>();
        policy.SetupGet(p => p.IdleTimeout).Returns(IdleTimeout);
        policy.SetupGet(p => p.AbsoluteLifetime).Returns(AbsoluteLifetime);
        policy.SetupGet(p => p.RefreshReuseGrace).Returns(RefreshReuseGrace);
        return policy;
    }

    public static Session StartSession(Guid? userId = null, DateTimeOffset? startedAt = null, TimeSpan? absoluteLifetime = null) =>
        Session.Start(userId ?? Guid.CreateVersion7(), "203.0.113.7", "Mozilla/5.0", startedAt ?? Now.AddHours(-2), absoluteLifetime ?? AbsoluteLifetime);

    public static RefreshToken IssueToken(
        Guid? userId = null,
        string tokenHash = "hash:current-refresh-token",
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null,
        Session? session = null) =>
        RefreshToken.IssueForSession(
            session ?? StartSession(userId, issuedAt), tokenHash, issuedAt ?? Now.AddHours(-1), lifetime ?? RefreshTokenLifetime);

    /// <summary>A token that was already exchanged for a successor (presenting it again is a replay).</summary>
    public static RefreshToken RotatedToken(
        Guid? userId = null,
        string tokenHash = "hash:current-refresh-token",
        DateTimeOffset? rotatedAt = null,
        Session? session = null)
    {
        var token = IssueToken(userId, tokenHash, issuedAt: Now.AddHours(-2), session: session);
        token.Rotate("hash:successor-of-rotated", "salt-of-rotation", rotatedAt ?? Now.AddHours(-1), RefreshTokenLifetime);
        return token;
    }

    /// <summary>
    /// A token whose session was ended. The domain has no method for this: the repository revokes whole sessions
    /// in the database (<see cref="ISessionRepository.RevokeAsync"/>), so the test sets the two columns that update writes.
    /// </summary>
    public static RefreshToken RevokedByLogoutToken(Guid? userId = null, string tokenHash = "hash:current-refresh-token")
    {
        var token = IssueToken(userId, tokenHash);
        SetPrivateProperty(token, nameof(RefreshToken.RevokedAt), Now.AddMinutes(-5));
        SetPrivateProperty(token, nameof(RefreshToken.RevocationReason), RefreshTokenRevocation.SessionEnded);
        return token;
    }

    /// <summary>
    /// A token service whose values are predictable: the hash of a value is <c>"hash:" + value</c>, a new
    /// refresh token is <paramref name="newRefreshValue"/>, and an access token names its session.
    /// </summary>
    public static Mock<ITokenService> CreateTokenService(
        string newRefreshValue = "new-refresh-token",
        TimeSpan? refreshTokenLifetime = null)
    {
        var tokenService = new Mock<ITokenService>();
        tokenService.SetupGet(s => s.RefreshTokenLifetime).Returns(refreshTokenLifetime ?? RefreshTokenLifetime);
        tokenService.Setup(s => s.HashRefreshToken(It.IsAny<string>())).Returns((string value) => "hash:" + value);
        tokenService.Setup(s => s.CreateRefreshToken()).Returns(new RefreshTokenSecret(newRefreshValue, "hash:" + newRefreshValue));
        tokenService
            .Setup(s => s.CreateAccessToken(It.IsAny<User>(), It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>()))
            .Returns((User user, Guid sessionId, IReadOnlyCollection<string> _, DateTimeOffset now) =>
                new AccessToken(AccessTokenValue(user.Id, sessionId), now.AddSeconds(AccessTokenLifetimeSeconds), AccessTokenLifetimeSeconds));
        tokenService
            .Setup(s => s.CreateAccessToken(It.IsAny<AccessTokenSubject>(), It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>()))
            .Returns((AccessTokenSubject subject, Guid sessionId, IReadOnlyCollection<string> _, DateTimeOffset now) =>
                new AccessToken(AccessTokenValue(subject.UserId, sessionId), now.AddSeconds(AccessTokenLifetimeSeconds), AccessTokenLifetimeSeconds));
        return tokenService;
    }

    public static readonly TimeSpan ResetTokenLifetime = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan VerificationTokenLifetime = TimeSpan.FromHours(48);

    public static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A one-time token service whose values are predictable: the hash of a value is <c>"hash:" + value</c> and a new
    /// token is <paramref name="newValue"/>.
    /// </summary>
    public static Mock<IUserTokenService> CreateUserTokenService(string newValue = "new-one-time-token")
    {
        var service = new Mock<IUserTokenService>();
        service.Setup(s => s.Hash(It.IsAny<string>())).Returns((string value) => "hash:" + value);
        service.Setup(s => s.Create()).Returns(new UserTokenSecret(newValue, "hash:" + newValue));
        service.Setup(s => s.LifetimeOf(UserTokenPurpose.PasswordReset)).Returns(ResetTokenLifetime);
        service.Setup(s => s.LifetimeOf(UserTokenPurpose.EmailVerification)).Returns(VerificationTokenLifetime);
        service.SetupGet(s => s.ResendCooldown).Returns(ResendCooldown);
        return service;
    }

    /// <summary>An unused one-time token for <paramref name="userId"/> whose value is <paramref name="value"/>.</summary>
    public static UserToken IssueUserToken(
        Guid userId,
        UserTokenPurpose purpose = UserTokenPurpose.PasswordReset,
        string value = "emailed-token",
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null) =>
        UserToken.Issue(userId, purpose, "hash:" + value, issuedAt ?? Now.AddMinutes(-5), lifetime ?? ResetTokenLifetime);

    public static string AccessTokenValue(Guid userId, Guid sessionId) => $"access:{userId}:{sessionId}";

    /// <summary>The messages a validation result holds for one property.</summary>
    public static string[] ErrorsFor(ValidationResult result, string propertyName) =>
        result.Errors.Where(e => e.PropertyName == propertyName).Select(e => e.ErrorMessage).ToArray();

    /// <summary>A session ended by a logout (set as the repository's update writes it).</summary>
    public static Session RevokedSession(Guid? userId = null)
    {
        var session = StartSession(userId);
        SetPrivateProperty(session, nameof(Session.RevokedAt), Now.AddMinutes(-5));
        SetPrivateProperty(session, nameof(Session.RevocationReason), SessionRevocation.Logout);
        return session;
    }

    private static void SetPrivateProperty(object target, string name, object? value) =>
        target.GetType().GetProperty(name)!.SetValue(target, value);
}
