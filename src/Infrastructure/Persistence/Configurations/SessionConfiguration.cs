using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public const string TableName = "sessions";

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.IpAddress).HasMaxLength(Session.MaxIpAddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(Session.MaxUserAgentLength);
        builder.Property(s => s.RevocationReason).HasConversion<string>().HasMaxLength(20);
        // The amr of the login (text[]); sessions started before second factors existed were password logins.
        builder.Property(s => s.AuthenticationMethods).IsRequired().HasDefaultValueSql("ARRAY['pwd']::text[]");

        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // Every refresh sets last_used_at: no index holds it, so that update is HOT (heap-only: no index entry written,
        // and the page keeps room for it). A user's sessions are a handful, read by user_id alone.
        builder.HasIndex(s => s.UserId);
        builder.HasStorageParameter("fillfactor", 90);

        // The revocation listener reloads recently revoked sessions after every (re)connect.
        builder.HasIndex(s => s.RevokedAt).HasFilter("revoked_at IS NOT NULL");

        builder.Ignore(s => s.IsRevoked);
    }
}
