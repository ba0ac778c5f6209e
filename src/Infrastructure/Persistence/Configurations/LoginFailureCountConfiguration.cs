using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class LoginFailureCountConfiguration : IEntityTypeConfiguration<LoginFailureCount>
{
    public const string TableName = "login_failure_counts";

    public void Configure(EntityTypeBuilder<LoginFailureCount> builder)
    {
        builder.ToTable(TableName);
        // HMAC-SHA256 of the normalized email (32 bytes).
        builder.HasKey(c => c.EmailKey);
        builder.Property(c => c.EmailKey).HasMaxLength(32);
        builder.Property(c => c.Failures).IsRequired();
        builder.Property(c => c.LastFailureAt).IsRequired();
    }
}
