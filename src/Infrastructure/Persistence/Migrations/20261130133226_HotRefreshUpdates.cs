using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HotRefreshUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_refresh_tokens_refresh_tokens_replaced_by_token_id",
                table: "refresh_tokens");

            migrationBuilder.DropForeignKey(
                name: "fk_refresh_tokens_users_user_id",
                table: "refresh_tokens");

            migrationBuilder.DropIndex(
                name: "ix_sessions_user_id_last_used_at",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "ix_refresh_tokens_replaced_by_token_id",
                table: "refresh_tokens");

            migrationBuilder.AlterTable(
                name: "sessions")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AlterTable(
                name: "refresh_tokens")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_user_id",
                table: "sessions",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sessions_user_id",
                table: "sessions");

            migrationBuilder.AlterTable(
                name: "sessions")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AlterTable(
                name: "refresh_tokens")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_user_id_last_used_at",
                table: "sessions",
                columns: new[] { "user_id", "last_used_at" });

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_replaced_by_token_id",
                table: "refresh_tokens",
                column: "replaced_by_token_id");

            migrationBuilder.AddForeignKey(
                name: "fk_refresh_tokens_refresh_tokens_replaced_by_token_id",
                table: "refresh_tokens",
                column: "replaced_by_token_id",
                principalTable: "refresh_tokens",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_refresh_tokens_users_user_id",
                table: "refresh_tokens",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
