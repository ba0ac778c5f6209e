using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Keys;
using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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

    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();

    public DbSet<PasskeyChallenge> PasskeyChallenges => Set<PasskeyChallenge>();

    internal DbSet<BackgroundRequest> BackgroundRequests => Set<BackgroundRequest>();

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
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || IsEmailTaken(ex))
        {
            // One SaveChanges is one transaction: nothing was stored. Forget this attempt's changes.
            ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>An email change lost the address to another account (the unique index decides): a conflict like any other.</summary>
    private static bool IsEmailTaken(Exception ex) => UserConfiguration.IsEmailTaken(ex);

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
