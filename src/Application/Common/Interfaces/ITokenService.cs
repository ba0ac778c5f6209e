using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A signed access token and its lifetime.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, int ExpiresInSeconds);

/// <summary>A fresh refresh token: the value goes to the client once, only the hash is stored.</summary>
public sealed record RefreshTokenSecret(string Value, string Hash);

public interface ITokenService
{
    TimeSpan RefreshTokenLifetime { get; }

    AccessToken CreateAccessToken(User user, Guid sessionId, DateTimeOffset now);

    RefreshTokenSecret CreateRefreshToken();

    string HashRefreshToken(string value);
}
