using AuthFlow.Application.Common.Models;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>What the admin API reads about accounts; every query is index-backed (see the UserDirectory EXPLAIN tests).</summary>
public interface IUserDirectory
{
    /// <summary>
    /// One page of accounts in a stable order (by id, so by creation), after <see cref="UserSearch.After"/>; at most
    /// <see cref="UserSearch.Limit"/> plus one row is read, to know whether another page follows.
    /// </summary>
    Task<IReadOnlyList<AdminUserSummary>> SearchAsync(UserSearch search, CancellationToken cancellationToken);

    Task<AdminUserDetail?> GetAsync(Guid userId, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken);
}

/// <summary>
/// A search of accounts. <paramref name="Prefix"/> matches the start of the email or of the username, ignoring case;
/// <paramref name="Status"/> is one of <see cref="UserStatuses"/>.
/// </summary>
public sealed record UserSearch(string? Prefix, string? Role, string? Status, Guid? After, int Limit);

public static class UserStatuses
{
    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string Unverified = "unverified";

    public static readonly IReadOnlyList<string> All = [Active, Disabled, Unverified];
}
