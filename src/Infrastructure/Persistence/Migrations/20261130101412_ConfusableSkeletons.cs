using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ConfusableSkeletons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "email_skeleton",
                table: "users",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "to_key",
                table: "outbox_emails",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_users_email_skeleton",
                table: "users",
                column: "email_skeleton",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_emails_to_key",
                table: "outbox_emails",
                column: "to_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_users_email_skeleton",
                table: "users");

            migrationBuilder.DropIndex(
                name: "ix_outbox_emails_to_key",
                table: "outbox_emails");

            migrationBuilder.DropColumn(
                name: "email_skeleton",
                table: "users");

            migrationBuilder.DropColumn(
                name: "to_key",
                table: "outbox_emails");
        }
    }
}
