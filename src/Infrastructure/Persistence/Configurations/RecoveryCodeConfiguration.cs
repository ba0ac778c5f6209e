using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("recovery_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        // Hex HMAC-SHA256 of the code; the code itself is shown to the user once and never stored.
        builder.Property(c => c.CodeHash).HasMaxLength(64).IsFixedLength().IsRequired();
        // Using a code updates it only while it is unused: of two concurrent uses, one wins.
        builder.Property(c => c.UsedAt).IsConcurrencyToken();

        builder.HasIndex(c => new { c.UserId, c.CodeHash });
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
