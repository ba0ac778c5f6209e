using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const string UniqueEmailIndex = "ux_users_normalized_email";
    public const string UniqueEmailSkeletonIndex = "ux_users_email_skeleton";
    public const string EmailPrefixIndex = "ix_users_normalized_email_prefix";

    /// <summary>A write lost the address, or a look-alike of it, to another account: one of the two unique indexes refused it.</summary>
    public static bool IsEmailTaken(Exception ex) =>
        ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } violation }
        && violation.ConstraintName is UniqueEmailIndex or UniqueEmailSkeletonIndex;

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Username).HasMaxLength(User.MaxUsernameLength).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(User.MaxEmailLength).IsRequired();
        builder.Property(u => u.NormalizedEmail).HasMaxLength(User.MaxEmailLength).IsRequired();
        // No length limit: a skeleton can be longer than its address (one character may map to several).
        builder.Property(u => u.EmailSkeleton);
        // A concurrency token: a login that verified the old password cannot start a session once a reset has stored
        // the new one (its UPDATE of the user row matches no row), and two changes of the hash cannot overwrite each other.
        builder.Property(u => u.PasswordHash).HasMaxLength(100).IsRequired().IsConcurrencyToken();
        builder.Property(u => u.CreatedAt).IsRequired();

        builder.Ignore(u => u.EmailVerified);
        builder.Ignore(u => u.IsDisabled);
        builder.Ignore(u => u.RoleNames);

        // The roles come with the user (one join): the token service puts them in the access token.
        builder.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(u => u.Roles).AutoInclude().UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName(UniqueEmailIndex);
        // Look-alike addresses (UTS #39 skeletons) cannot hold two accounts either. NULLs (an account a look-alike older
        // one kept from its skeleton at the backfill) do not collide.
        builder.HasIndex(u => u.EmailSkeleton).IsUnique().HasDatabaseName(UniqueEmailSkeletonIndex);
        // The admin search by prefix (LIKE 'abc%') of the email and of the lower-cased username; the hand-written
        // SQL of the RolesAndAudit migration creates the second (an expression index).
        builder.HasIndex(u => u.NormalizedEmail, EmailPrefixIndex).HasDatabaseName(EmailPrefixIndex).HasOperators("text_pattern_ops");
    }
}
