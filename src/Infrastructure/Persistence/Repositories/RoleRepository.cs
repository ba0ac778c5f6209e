using AuthFlow.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class RoleRepository(AuthFlowDbContext db) : IRoleRepository
{
    public Task EnsureExistsAsync(string name, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO roles (name, description) VALUES ({name}, '') ON CONFLICT (name) DO NOTHING", cancellationToken);

    public async Task<int> LockAndCountActiveHoldersAsync(string roleName, CancellationToken cancellationToken)
    {
        // FOR UPDATE holds until the transaction ends: a second admin change of this role waits, then counts afresh.
        await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM roles WHERE name = {roleName} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return await db.UserRoles
            .Where(r => r.RoleName == roleName)
            .Join(db.Users.Where(u => u.DisabledAt == null), r => r.UserId, u => u.Id, (r, _) => r)
            .CountAsync(cancellationToken);
    }
}
