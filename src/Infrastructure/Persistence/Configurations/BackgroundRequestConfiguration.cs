using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Background;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class BackgroundRequestConfiguration : IEntityTypeConfiguration<BackgroundRequest>
{
    public void Configure(EntityTypeBuilder<BackgroundRequest> builder)
    {
        builder.ToTable("background_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasMaxLength(BackgroundRequest.MaxKindLength).IsRequired();
        // The email as sent; the validators bound it (trimmed) to the same length as a stored address, and a little room for spaces.
        builder.Property(r => r.Email).HasMaxLength(User.MaxEmailLength + 64).IsRequired();
        builder.HasIndex(r => r.NextAttemptAt).HasDatabaseName("ix_background_requests_due");
    }
}
