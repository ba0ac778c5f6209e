using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
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
    /// <summary>PostgreSQL persistence, bcrypt, JWT and email. Every option is checked when the host starts.</summary>
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

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<ISignInPolicy, SignInPolicy>();

        services.AddEmail(configuration);

        services.AddDbContextPool<AuthFlowDbContext>((sp, options) =>
            ConfigureDbContext(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<AuthFlowDbContext>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<IUserTokenRepository, UserTokenRepository>();

        services.AddSingleton<IPasswordHasher, BCryptPasswordHasher>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        return services;
    }

    /// <summary>
    /// One-time tokens, the outbox and its dispatcher, and the transport: SMTP when <c>Email:Smtp:Host</c> is set,
    /// otherwise the development sink folder.
    /// </summary>
    private static void AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<IUserTokenService, UserTokenService>();
        services.AddScoped<IAccountEmails, AccountEmails>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<FolderEmailSink>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpEmailTransport>()
            : sp.GetRequiredService<FolderEmailSink>());
        services.AddHostedService<OutboxEmailDispatcher>();

        services.AddSingleton<BackgroundCommandQueue>();
        services.AddSingleton<IBackgroundCommands>(sp => sp.GetRequiredService<BackgroundCommandQueue>());
        services.AddHostedService<BackgroundCommandRunner>();
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
