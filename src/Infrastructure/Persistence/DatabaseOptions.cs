using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "AuthFlow";

    /// <summary>Read from <c>ConnectionStrings:AuthFlow</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending EF Core migrations when the service starts (on in Development).</summary>
    public bool MigrateOnStartup { get; set; }
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set: point it at a PostgreSQL database.")
            : ValidateOptionsResult.Success;
}
