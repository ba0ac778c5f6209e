using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Persistence.Repositories;
using AuthFlow.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure;

public static class DependencyInjection
{
    /// <summary>PostgreSQL persistence, bcrypt, the password policy, login throttling and JWT. Every option is checked when the host starts.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();

        services.AddOptions<PasswordHashingOptions>().Bind(configuration.GetSection(PasswordHashingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordHashingOptions>, PasswordHashingOptionsValidator>();

        services.AddOptions<PasswordPolicyOptions>().Bind(configuration.GetSection(PasswordPolicyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordPolicyOptions>, PasswordPolicyOptionsValidator>();

        services.AddOptions<LoginThrottlingOptions>().Bind(configuration.GetSection(LoginThrottlingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoginThrottlingOptions>, LoginThrottlingOptionsValidator>();

        services.AddDbContextPool<AuthFlowDbContext>((sp, options) =>
            ConfigureDbContext(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<AuthFlowDbContext>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<ILoginThrottle, PostgresLoginThrottle>();

        services.AddSingleton<IPasswordHasher, BCryptPasswordHasher>();
        services.AddSingleton<IPasswordHashingGate, PasswordHashingGate>();
        services.AddSingleton<CommonPasswords>();
        services.AddSingleton<IPasswordPolicy, PasswordPolicy>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        return services;
    }

    internal static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>Applies pending migrations; EF Core takes a database lock so that concurrent instances wait for each other.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
