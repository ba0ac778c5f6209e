using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

/// <summary>
/// The admin API's reads. The search walks users in id order (UUIDv7: creation order) from the cursor, so every page is
/// one index range: the primary key, or the prefix indexes on the email and the lower-cased username when a query is
/// given, or <c>user_roles (role_name, user_id)</c> for a role filter.
/// </summary>
internal sealed class UserDirectory(AuthFlowDbContext db) : IUserDirectory
{
    public async Task<IReadOnlyList<AdminUserSummary>> SearchAsync(UserSearch search, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking().IgnoreAutoIncludes();
        if (search.Prefix is { } prefix)
        {
            var pattern = EscapeLike(prefix) + "%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(), which the expression index ix_users_username_prefix covers.
            users = users.Where(u => EF.Functions.Like(u.NormalizedEmail, pattern) || EF.Functions.Like(u.Username.ToLower(), pattern));
#pragma warning restore CA1304, CA1311
        }

        if (search.Role is { } role)
        {
            users = users.Where(u => db.UserRoles.Any(r => r.RoleName == role && r.UserId == u.Id));
        }

        users = search.Status switch
        {
            UserStatuses.Active => users.Where(u => u.DisabledAt == null),
            UserStatuses.Disabled => users.Where(u => u.DisabledAt != null),
            UserStatuses.Unverified => users.Where(u => u.EmailVerifiedAt == null),
            _ => users,
        };

        if (search.After is { } after)
        {
            users = users.Where(u => u.Id.CompareTo(after) > 0);
        }

        var rows = await users
            .OrderBy(u => u.Id)
            .Take(search.Limit + 1)
            .Select(u => new
            {
                u.Id,
                u.Username,
                u.Email,
                u.CreatedAt,
                u.EmailVerifiedAt,
                u.DisabledAt,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleName).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(u => new AdminUserSummary(
            u.Id, u.Username, u.Email, u.CreatedAt, u.EmailVerifiedAt is not null, u.DisabledAt is not null,
            u.Roles.Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<AdminUserDetail?> GetAsync(Guid userId, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var usedSince = now - idleTimeout;
        var activeSessions = await db.Sessions.CountAsync(
            s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now && s.LastUsedAt > usedSince, cancellationToken);
        return new AdminUserDetail(
            user.Id, user.Username, user.Email, user.CreatedAt, user.EmailVerified, user.EmailVerifiedAt, user.IsDisabled, user.DisabledAt,
            user.LastLoginAt, user.RoleNames, activeSessions);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
