using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A signed access token and its lifetime.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>A fresh refresh token: the value goes to the client once, only the hash is stored.</summary>
public sealed record RefreshTokenSecret(string Value, string Hash);

public interface ITokenService
{
    TimeSpan RefreshTokenLifetime { get; }

    /// <summary>An access token of the session; <paramref name="authenticationMethods"/> becomes its <c>amr</c> claim.</summary>
    AccessToken CreateAccessToken(User user, Guid sessionId, IReadOnlyCollection<string> authenticationMethods, DateTimeOffset now);

    RefreshTokenSecret CreateRefreshToken();

    string HashRefreshToken(string value);
}
