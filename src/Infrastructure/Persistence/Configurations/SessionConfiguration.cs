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
        builder.HasIndex(s => new { s.UserId, s.LastUsedAt });

        // The revocation listener reloads recently revoked sessions after every (re)connect.
        builder.HasIndex(s => s.RevokedAt).HasFilter("revoked_at IS NOT NULL");

        builder.Ignore(s => s.IsRevoked);
    }
}
