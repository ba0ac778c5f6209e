namespace AuthFlow.Domain.Users;

/// <summary>One role held by one user, since <see cref="GrantedAt"/>.</summary>
public sealed class UserRole
{
    private UserRole(Guid userId, string roleName, DateTimeOffset grantedAt)
    {
        UserId = userId;
        RoleName = roleName;
        GrantedAt = grantedAt;
    }

    public Guid UserId { get; private set; }

    public string RoleName { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    internal static UserRole Grant(Guid userId, string roleName, DateTimeOffset now) => new(userId, roleName, now);
}
