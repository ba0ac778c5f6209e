using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A signed access token and its lifetime.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>A fresh refresh token: the value goes to the client once, only the hash is stored.</summary>
public sealed record RefreshTokenSecret(string Value, string Hash);

/// <summary>Who an access token is about: the claims it takes from the user (subject, email, roles).</summary>
public sealed record AccessTokenSubject(Guid UserId, string Email, IReadOnlyList<string> RoleNames)
{
    public static AccessTokenSubject Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccessTokenSubject(user.Id, user.Email, user.RoleNames);
    }
}

public interface ITokenService
{
    TimeSpan RefreshTokenLifetime { get; }

    /// <summary>An access token of the session; <paramref name="authenticationMethods"/> becomes its <c>amr</c> claim.</summary>
    AccessToken CreateAccessToken(User user, Guid sessionId, IReadOnlyCollection<string> authenticationMethods, DateTimeOffset now);

    /// <summary>The same token for a subject read without its <see cref="User"/> (the one-statement refresh).</summary>
    AccessToken CreateAccessToken(AccessTokenSubject subject, Guid sessionId, IReadOnlyCollection<string> authenticationMethods, DateTimeOffset now);

    RefreshTokenSecret CreateRefreshToken();

    string HashRefreshToken(string value);
}
