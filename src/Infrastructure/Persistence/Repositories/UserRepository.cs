using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Models;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

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

    // The session count is a correlated subquery of the same statement: one round trip for the dashboard.
    private static readonly Func<AuthFlowDbContext, Guid, DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDashboard?>> DashboardById =
        EF.CompileAsyncQuery((AuthFlowDbContext context, Guid id, DateTimeOffset now, DateTimeOffset usedSince, CancellationToken _) =>
            context.Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new UserDashboard(
                    new UserDto(u.Id, u.Username, u.Email, u.CreatedAt, u.EmailVerifiedAt != null),
                    u.LastLoginAt,
                    context.Sessions.Count(s => s.UserId == u.Id && s.RevokedAt == null && s.ExpiresAt > now && s.LastUsedAt > usedSince)))
                .FirstOrDefault());

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<bool> IsEmailTakenAsync(string normalizedEmail, string emailSkeleton, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail || u.EmailSkeleton == emailSkeleton, cancellationToken);

    public Task<User?> FindByIdAsync(Guid id, CancellationToken cancellationToken) => UserById(db, id, cancellationToken);

    public Task<UserDto?> FindProfileAsync(Guid id, CancellationToken cancellationToken) => ProfileById(db, id, cancellationToken);

    public Task<UserDashboard?> FindDashboardAsync(Guid id, DateTimeOffset now, TimeSpan idleTimeout, CancellationToken cancellationToken) =>
        DashboardById(db, id, now, now - idleTimeout, cancellationToken);

    public async Task<bool> TryAddAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (UserConfiguration.IsEmailTaken(ex))
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
        // Emails to the address (queued or kept as delivery records) hold it and, unsent, a live link. They are found by
        // the account's key, so an address typed with other case, width or a Unicode domain is found too.
        await db.OutboxEmails.Where(e => e.ToKey == user.NormalizedEmail).ExecuteDeleteAsync(cancellationToken);
        // Roles, sessions, refresh and one-time tokens go by ON DELETE CASCADE; the sessions trigger announces the live ones.
        db.Users.Remove(user);
    }
}
