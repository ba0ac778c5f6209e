using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthFlow.Infrastructure.Persistence.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("roles", t => t.HasCheckConstraint("ck_roles_name", "name ~ '^[a-z][a-z0-9_-]{1,49}$'"));
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(Role.MaxNameLength);
        builder.Property(r => r.Description).HasMaxLength(Role.MaxDescriptionLength).IsRequired();
        // The admin role exists from the first migration: the admin API and the last-admin rule rely on it.
        builder.HasData(new { Name = Role.Admin, Description = "Manages accounts through /api/admin and reads the audit trail." });
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> builder)
    {
        builder.ToTable("user_roles");
        builder.HasKey(r => new { r.UserId, r.RoleName });
        builder.Property(r => r.RoleName).HasMaxLength(Role.MaxNameLength);
        builder.HasOne<Role>().WithMany().HasForeignKey(r => r.RoleName).OnDelete(DeleteBehavior.Restrict);
        // "Who holds this role", in user order: the role filter of the user search (keyset by user id) and the
        // last-admin count.
        builder.HasIndex(r => new { r.RoleName, r.UserId });
    }
}
