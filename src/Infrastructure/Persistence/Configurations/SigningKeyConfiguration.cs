using AuthFlow.Domain.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        // The kid: a base64url SHA-256 thumbprint, 43 characters.
        builder.Property(k => k.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(k => k.Algorithm).HasMaxLength(8).IsRequired();
        builder.Property(k => k.PublicKey).IsRequired();
        // AES-256-GCM under Jwt:KeyEncryptionKey; the plain private key never reaches the database.
        builder.Property(k => k.EncryptedPrivateKey).HasColumnName("private_key_ciphertext").IsRequired();
    }
}
