using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Keys;
using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
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
    private static bool IsEmailTaken(Exception ex) =>
        ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UserConfiguration.UniqueEmailIndex } };

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthFlowDbContext).Assembly);
}
