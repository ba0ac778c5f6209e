using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();

        // Hex SHA-256 of the token value; the value itself is never stored.
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();

        builder.Property(t => t.RevocationReason).HasConversion<string>().HasMaxLength(20);

        // Base64url of the 32 random bytes the successor was derived with (ADR 0004).
        builder.Property(t => t.SuccessorSalt).HasMaxLength(43);

        // A rotation updates the token only while it is still unrevoked (UPDATE ... WHERE revoked_at IS NULL):
        // of two concurrent rotations of one token, exactly one can commit.
        builder.Property(t => t.RevokedAt).IsConcurrencyToken();

        // A token lives and dies with its session (the foreign key below cascades; a deleted user's sessions cascade in
        // turn). user_id is the session's user, copied for the per-user queries: no foreign key of its own, whose check
        // on every insert took a share lock on the user's row (a tenth of a rotation's time in the database, measured).
        // replaced_by_token_id names the successor in the same session: no foreign key and no index either, so that a
        // rotation's update of the token is HOT (heap-only: none of the table's indexes gets an entry).
        builder.HasStorageParameter("fillfactor", 90);
        builder.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.UserId, t.SessionId });

        builder.Ignore(t => t.IsRevoked);
        builder.Ignore(t => t.WasRotated);
    }
}
