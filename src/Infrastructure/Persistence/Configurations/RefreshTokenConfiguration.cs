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

        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        // replaced_by_token_id names the successor in the same session, and tokens are only ever deleted with their
        // session: no foreign key and no index, so that a rotation's update of the token is HOT (heap-only: none of the
        // table's indexes gets an entry) and checks no constraint.
        builder.HasStorageParameter("fillfactor", 90);
        builder.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.UserId, t.SessionId });

        builder.Ignore(t => t.IsRevoked);
        builder.Ignore(t => t.WasRotated);
    }
}
