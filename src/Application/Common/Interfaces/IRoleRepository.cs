using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

public interface IRoleRepository
{
    /// <summary>Creates the role (with an empty description) unless it exists; safe against concurrent callers.</summary>
    Task EnsureExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the role's row until the current transaction ends, so that changes to who holds it are made one at a
    /// time, then counts the holders whose accounts are not disabled. The last-admin rule reads it.
    /// </summary>
    Task<int> LockAndCountActiveHoldersAsync(string roleName, CancellationToken cancellationToken);
}
