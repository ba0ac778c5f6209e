using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Keys;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

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

    /// <summary>What to do once the current unit-of-work transaction commits (tell this instance of ended sessions).</summary>
    internal List<Action> AfterCommit { get; } = [];

    async Task<IUnitOfWorkTransaction> IUnitOfWork.BeginTransactionAsync(CancellationToken cancellationToken)
    {
        AfterCommit.Clear();
        return new UnitOfWorkTransaction(await Database.BeginTransactionAsync(cancellationToken), AfterCommit);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthFlowDbContext).Assembly);
}

/// <summary>The EF Core transaction behind <see cref="IUnitOfWork.BeginTransactionAsync"/>: disposed uncommitted, it rolls back.</summary>
internal sealed class UnitOfWorkTransaction(IDbContextTransaction transaction, List<Action> afterCommit) : IUnitOfWorkTransaction
{
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        foreach (var action in afterCommit)
        {
            action();
        }

        afterCommit.Clear();
    }

    public ValueTask DisposeAsync()
    {
        afterCommit.Clear();
        return transaction.DisposeAsync();
    }
}
