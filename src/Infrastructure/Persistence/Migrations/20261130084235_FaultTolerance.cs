using System;
using AuthFlow.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FaultTolerance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "background_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    email = table.Column<string>(type: "character varying(318)", maxLength: 318, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_background_requests", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_background_requests_due",
                table: "background_requests",
                column: "next_attempt_at");

            migrationBuilder.Sql(FaultToleranceMigrationSql.CreateSessionDeletionLog);
            migrationBuilder.Sql(FaultToleranceMigrationSql.RekeyNonAsciiEmails);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FaultToleranceMigrationSql.DropSessionDeletionLog);

            migrationBuilder.DropTable(
                name: "background_requests");
        }
    }
}
