using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(AuthFlowDbContext db) : IUserRepository
{
    // Compiled once: the protected routes skip EF's query cache lookup on every request.
    private static readonly Func<AuthFlowDbContext, Guid, CancellationToken, Task<User?>> UserById =
        EF.CompileAsyncQuery((AuthFlowDbContext context, Guid id, CancellationToken _) => context.Users.SingleOrDefault(u => u.Id == id));

    private static readonly Func<AuthFlowDbContext, Guid, CancellationToken, Task<UserDto?>> ProfileById =
        EF.CompileAsyncQuery((AuthFlowDbContext context, Guid id, CancellationToken _) =>
            context.Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new UserDto(u.Id, u.Username, u.Email, u.CreatedAt, u.EmailVerifiedAt != null))
                .FirstOrDefault());

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken) => UserById(db, id, cancellationToken);

    public Task<UserDto?> FindProfileAsync(Guid id, CancellationToken cancellationToken) => ProfileById(db, id, cancellationToken);

    public async Task<bool> TryAddAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: UserConfiguration.UniqueEmailIndex,
        })
        {
            // Forget the account and what was to be stored with it (its verification token and email).
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }

    public async Task EraseAsync(User user, CancellationToken cancellationToken)
    {
        // Emails to the address (queued or kept as delivery records) hold it and, unsent, a live link.
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL: lower(to_address) = @email.
        await db.OutboxEmails.Where(e => e.To.ToLower() == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        // Roles, sessions, refresh and one-time tokens go by ON DELETE CASCADE; the sessions trigger announces the live ones.
        db.Users.Remove(user);
    }
}
