namespace AuthFlow.Application.Common.Models;

/// <summary>One session as its owner sees it; <paramref name="Current"/> marks the session of the request.</summary>
public sealed record SessionDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    string? IpAddress,
    string? UserAgent,
    bool Current);
