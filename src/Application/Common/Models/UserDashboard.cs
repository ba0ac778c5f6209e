namespace AuthFlow.Application.Common.Models;

/// <summary>What the dashboard shows of a user, read in one query: the user, the last login and the active session count.</summary>
public sealed record UserDashboard(UserDto User, DateTimeOffset? LastLoginAt, int ActiveSessions);
