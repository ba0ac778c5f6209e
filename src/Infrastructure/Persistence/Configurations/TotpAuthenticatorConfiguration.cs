using AuthFlow.Domain.Mfa;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class TotpAuthenticatorConfiguration : IEntityTypeConfiguration<TotpAuthenticator>
{
    public void Configure(EntityTypeBuilder<TotpAuthenticator> builder)
    {
        builder.ToTable("totp_authenticators");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        // AES-GCM under the key-encryption key: version | nonce | tag | ciphertext (see KeyEncryption).
        builder.Property(t => t.EncryptedSecret).IsRequired();
        // Accepting a code updates the row only while the step is still the one read: a code used twice at once
        // is accepted once.
        builder.Property(t => t.LastUsedStep).IsConcurrencyToken();

        // One authenticator per account, pending or confirmed.
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.Ignore(t => t.IsConfirmed);
    }
}
