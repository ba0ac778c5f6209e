using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AuthFlow.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PasswordHashConcurrencyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
