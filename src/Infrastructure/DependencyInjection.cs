using System.Data.Common;
using System.Security.Cryptography;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Audit;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Persistence.Retention;
using AuthFlow.Infrastructure.Persistence.Repositories;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure;

public static class DependencyInjection
{
    /// <summary>PostgreSQL persistence, sessions, bcrypt, the password policy, login throttling, JWT and email. Every option is checked when the host starts.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();

        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddSingleton<ISessionPolicy, SessionPolicy>();

        services.AddOptions<PasswordHashingOptions>().Bind(configuration.GetSection(PasswordHashingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordHashingOptions>, PasswordHashingOptionsValidator>();

        services.AddOptions<PasswordPolicyOptions>().Bind(configuration.GetSection(PasswordPolicyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordPolicyOptions>, PasswordPolicyOptionsValidator>();

        services.AddOptions<LoginThrottlingOptions>().Bind(configuration.GetSection(LoginThrottlingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LoginThrottlingOptions>, LoginThrottlingOptionsValidator>();

        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddScoped<DataRetention>();
        services.AddHostedService<RetentionService>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<ISignInPolicy, SignInPolicy>();

        services.AddEmail(configuration);

        services.AddDbContextPool<AuthFlowDbContext>((sp, options) =>
            ConfigureDbContext(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<AuthFlowDbContext>());
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddAudit(configuration);

        // Ended sessions: refused by the bearer handler on every instance, without a database round trip per request.
        services.AddSingleton<RevokedSessionCache>();
        services.AddSingleton<SessionRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());

        services.AddScoped<ILoginThrottle, PostgresLoginThrottle>();

        services.AddScoped<IUserTokenRepository, UserTokenRepository>();

        services.AddSingleton<IPasswordHasher, BCryptPasswordHasher>();
        services.AddSingleton<IPasswordHashingGate, PasswordHashingGate>();
        services.AddSingleton<CommonPasswords>();
        services.AddSingleton<IPasswordPolicy, PasswordPolicy>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<IRefreshTokenSuccessors, RefreshTokenSuccessors>();

        // ES256/RS256: keys in PostgreSQL, cached per instance; HS256: the configured secret.
        services.AddSingleton<KeyEncryption>();
        services.AddScoped<SigningKeyStore>();
        services.AddScoped<ISigningKeyStore>(sp => sp.GetRequiredService<SigningKeyStore>());
        services.AddSingleton<StoredSigningKeyRing>();
        services.AddSingleton<ISigningKeyRing>(sp => sp.GetRequiredService<IOptions<JwtOptions>>().Value.UsesStoredKeys
            ? sp.GetRequiredService<StoredSigningKeyRing>()
            : ActivatorUtilities.CreateInstance<HmacSigningKeyRing>(sp));
        services.AddSingleton<IPublishedKeys, PublishedKeys>();
        services.AddHostedService<SigningKeyMaintenance>();
        return services;
    }

    /// <summary>Roles, the admin reads and the audit trail. A host with requests replaces <see cref="IRequestContext"/>.</summary>
    private static void AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.TryAddSingleton<IRequestContext, SystemRequestContext>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IRoleRepository, RoleRepository>();
        services.AddScoped<IUserDirectory, UserDirectory>();
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

    /// <summary>
    /// With stored keys: makes sure one signs now (the first key of an empty database signs at once) and loads them,
    /// before the first request. Instances starting together serialise on an advisory lock. An unreachable database
    /// does not stop the start (readiness reports it); the key maintenance tries again on its next tick.
    /// </summary>
    public static async Task PrepareSigningKeysAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (!services.GetRequiredService<IOptions<JwtOptions>>().Value.UsesStoredKeys)
        {
            return;
        }

        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
                await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().EnsureSigningKeyAsync(now, cancellationToken);
            }

            await services.GetRequiredService<ISigningKeyRing>().RefreshAsync(cancellationToken);
        }
        catch (CryptographicException)
        {
            // Reported like any other bad setting: the process exits naming it.
            throw new OptionsValidationException(JwtOptions.SectionName, typeof(JwtOptions),
                ["Jwt:KeyEncryptionKey does not decrypt the stored signing keys; it must be the key they were stored with."]);
        }
        catch (Exception ex) when (ex is DbException || ex.InnerException is DbException)
        {
            services.GetRequiredService<ILogger<SigningKeyStore>>()
                .LogError(ex, "The signing keys could not be loaded; tokens cannot be issued until the database answers.");
        }
    }

    /// <summary>Applies pending migrations; EF Core takes a database lock so that concurrent instances wait for each other.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
