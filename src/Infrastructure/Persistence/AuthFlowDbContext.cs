using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Keys;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace AuthFlow.Infrastructure.Persistence;

public sealed class AuthFlowDbContext(DbContextOptions<AuthFlowDbContext> options) : DbContext(options), IUnitOfWork
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    internal DbSet<LoginFailureCount> LoginFailureCounts => Set<LoginFailureCount>();

    public DbSet<UserToken> UserTokens => Set<UserToken>();

    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    internal DbSet<BackgroundRequest> BackgroundRequests => Set<BackgroundRequest>();

    async Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken) => await SaveChangesAsync(cancellationToken);

    async Task<bool> IUnitOfWork.TrySaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // One SaveChanges is one transaction: nothing was stored. Forget this attempt's changes.
            ChangeTracker.Clear();
            return false;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthFlowDbContext).Assembly);
}
