using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("outbox_emails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.To).HasColumnName("to_address").HasMaxLength(User.MaxEmailLength).IsRequired();
        builder.Property(e => e.ToKey);
        builder.Property(e => e.Subject).HasMaxLength(200).IsRequired();
        builder.Property(e => e.LastError).HasMaxLength(OutboxEmail.MaxErrorLength);

        // What erasing an account deletes by.
        builder.HasIndex(e => e.ToKey).HasDatabaseName("ix_outbox_emails_to_key");

        // What the dispatcher scans: the pending emails, oldest due first.
        builder.HasIndex(e => e.NextAttemptAt)
            .HasDatabaseName("ix_outbox_emails_pending")
            .HasFilter("sent_at IS NULL AND failed_at IS NULL");
    }
}
