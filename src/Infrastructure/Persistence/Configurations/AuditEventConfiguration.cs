using AuthFlow.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public const string TableName = "audit_events";

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(AuditEvent.MaxTypeLength).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(AuditEvent.MaxActorLength).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEvent.MaxIpAddressLength);
        builder.Property(e => e.UserAgent).HasMaxLength(AuditEvent.MaxUserAgentLength);
        builder.Property(e => e.TraceId).HasMaxLength(AuditEvent.MaxTraceIdLength);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Details).HasColumnType("jsonb");

        // No foreign key to users: the events of an erased account stay, keyed by its id.
        // Newest first, per subject and per actor (the admin filters and the user's own activity); the retention purge
        // and time-range filters use the time.
        builder.HasIndex(e => new { e.SubjectUserId, e.Id }).IsDescending(false, true);
        builder.HasIndex(e => new { e.Actor, e.Id }).IsDescending(false, true);
        builder.HasIndex(e => e.OccurredAt);
    }
}
