namespace AuthFlow.Domain.Users;

/// <summary>An account that can sign in. The password is only ever held as a hash.</summary>
public sealed class User
{
    public const int MaxUsernameLength = 50;
    public const int MaxEmailLength = 254;

    private readonly List<UserRole> _roles = [];

    private User(Guid id, string username, string email, string passwordHash, DateTimeOffset createdAt)
    {
        Id = id;
        Username = username;
        Email = email;
        NormalizedEmail = NormalizeEmail(email);
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Username { get; private set; }

    /// <summary>The address as the user typed it, trimmed.</summary>
    public string Email { get; private set; }

    /// <summary>The lookup key (<see cref="NormalizeEmail"/>), unique across accounts.</summary>
    public string NormalizedEmail { get; private set; }

    /// <summary>
    /// The UTS #39 confusable skeleton of <see cref="NormalizedEmail"/>, also unique across accounts, so that no new
    /// account can look like an existing one. Null only on an account that a look-alike older account kept from it.
    /// </summary>
    public string? EmailSkeleton { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>When the user proved the address is theirs by following the verification link.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    public bool EmailVerified => EmailVerifiedAt is not null;

    /// <summary>Set while an administrator has disabled the account: it cannot log in or refresh.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>The roles the user holds; loaded with the user.</summary>
    public IReadOnlyCollection<UserRole> Roles => _roles;

    /// <summary>The names of <see cref="Roles"/>, in order: what the access token's <c>roles</c> claim carries.</summary>
    public IReadOnlyList<string> RoleNames => _roles.Select(r => r.RoleName).Order(StringComparer.Ordinal).ToList();

    public static User Register(string username, string email, string passwordHash, DateTimeOffset now, string? emailSkeleton = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);

        // The address a mailer delivers to: an IDN domain in its ASCII form. Input the validators let through always has one.
        var deliverable = EmailAddress.Canonicalize(email) ?? email.Trim();
        return new User(Guid.CreateVersion7(now), username.Trim(), deliverable, passwordHash, now) { EmailSkeleton = emailSkeleton };
    }

    /// <summary>
    /// Emails compare by <see cref="EmailAddress.NormalizedKey"/>: trimmed, NFKC and case folded (see
    /// <see cref="IdentityText"/>), an IDN domain the same whether typed in Unicode or in ASCII.
    /// </summary>
    public static string NormalizeEmail(string email) => EmailAddress.NormalizedKey(email);

    public void RecordLogin(DateTimeOffset now) => LastLoginAt = now;

    /// <summary>Replaces the stored hash of the same password, after a login found it of an older scheme or cost.</summary>
    public void RehashPassword(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>Marks the address verified; verifying again keeps the first time.</summary>
    public void VerifyEmail(DateTimeOffset now) => EmailVerifiedAt ??= now;

    /// <summary>
    /// Moves the account to a new address, which the user has just proved is theirs (the link mailed to it), so the
    /// address is verified from now.
    /// </summary>
    public void ChangeEmail(string newEmail, string emailSkeleton, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(emailSkeleton);
        Email = newEmail.Trim();
        NormalizedEmail = NormalizeEmail(newEmail);
        EmailSkeleton = emailSkeleton;
        EmailVerifiedAt = now;
    }

    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    public bool HasRole(string roleName) => _roles.Exists(r => r.RoleName == roleName);

    /// <summary>Grants a role. Returns false, and changes nothing, when the user already holds it.</summary>
    public bool GrantRole(string roleName, DateTimeOffset now)
    {
        if (!Role.IsValidName(roleName))
        {
            throw new ArgumentException($"'{roleName}' is not a role name.", nameof(roleName));
        }

        if (HasRole(roleName))
        {
            return false;
        }

        _roles.Add(UserRole.Grant(Id, roleName, now));
        return true;
    }

    /// <summary>Takes a role away. Returns false when the user did not hold it.</summary>
    public bool RevokeRole(string roleName) => _roles.RemoveAll(r => r.RoleName == roleName) > 0;

    /// <summary>Disables the account. Returns false when it already was; the first time is kept.</summary>
    public bool Disable(DateTimeOffset now)
    {
        if (IsDisabled)
        {
            return false;
        }

        DisabledAt = now;
        return true;
    }

    /// <summary>Enables a disabled account. Returns false when it was not disabled.</summary>
    public bool Enable()
    {
        if (!IsDisabled)
        {
            return false;
        }

        DisabledAt = null;
        return true;
    }
}
