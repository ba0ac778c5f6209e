using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    public void Configure(EntityTypeBuilder<Passkey> builder)
    {
        builder.ToTable("passkeys");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Passkey.MaxNameLength).IsRequired();
        builder.Property(p => p.CredentialId).IsRequired();
        builder.Property(p => p.PublicKey).IsRequired();
        builder.Property(p => p.UserHandle).IsRequired();
        // A use updates the counter only while it is the one read: a replayed assertion racing the first stores nothing.
        builder.Property(p => p.SignCount).IsConcurrencyToken();

        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.HasIndex(p => new { p.UserId, p.Name }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasskeyChallengeConfiguration : IEntityTypeConfiguration<PasskeyChallenge>
{
    public void Configure(EntityTypeBuilder<PasskeyChallenge> builder)
    {
        builder.ToTable("passkey_challenges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Ceremony).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.OptionsJson).IsRequired();
        // Used once: of two answers racing for one challenge, one commits.
        builder.Property(c => c.UsedAt).IsConcurrencyToken();
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
