using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Infrastructure.Audit;
using AuthFlow.Infrastructure.Background;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.Infrastructure.Persistence.Repositories;
using AuthFlow.Infrastructure.Persistence.Retention;
using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Security.Confusables;
using AuthFlow.Infrastructure.Security.Keys;
using AuthFlow.Infrastructure.Security.Mfa;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.Infrastructure.Telemetry;
using Fido2NetLib;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

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

        // The meter AuthFlow reports to; the host decides whether anything listens (see WebApi's telemetry set-up).
        services.AddMetrics();
        services.AddSingleton<AuthFlowMetrics>();
        services.AddSingleton<IAuthMetrics>(sp => sp.GetRequiredService<AuthFlowMetrics>());

        services.AddDbContextPool<AuthFlowDbContext>((sp, options) =>
            ConfigureDbContext(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.BoundedConnectionString()));
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<AuthFlowDbContext>());
        services.AddSingleton<FailureLog>();
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<ISessionRepository, SessionRepository>();
        services.AddAudit(configuration);

        // Ended sessions: refused by the bearer handler on every instance, without a database round trip per request.
        services.AddSingleton<RevokedSessionCache>();
        services.AddSingleton<SessionRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());

        services.AddScoped<PostgresLoginThrottle>();
        services.AddScoped<ILoginThrottle>(sp => sp.GetRequiredService<PostgresLoginThrottle>());

        services.AddSecondFactors(configuration);

        services.AddScoped<IUserTokenRepository, UserTokenRepository>();

        services.AddConfusables(configuration);

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

    /// <summary>TOTP (secrets under the key-encryption key), recovery codes, the per-account code throttle and passkeys (Fido2).</summary>
    private static void AddSecondFactors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ISecondFactorRepository, SecondFactorRepository>();
        services.AddSingleton<ITotp, TotpService>();
        services.AddSingleton<IRecoveryCodes, RecoveryCodeGenerator>();
        services.AddScoped<IMfaThrottle>(sp => sp.GetRequiredService<PostgresLoginThrottle>());

        services.AddOptions<PasskeyOptions>().Bind(configuration.GetSection(PasskeyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasskeyOptions>, PasskeyOptionsValidator>();
        services.AddSingleton<IFido2>(sp =>
        {
            var passkeys = sp.GetRequiredService<IOptions<PasskeyOptions>>().Value;
            return new Fido2(
                new Fido2Configuration
                {
                    RPID = passkeys.RelyingPartyId,
                    RPName = passkeys.RelyingPartyName,
                    Origins = passkeys.Origins.ToHashSet(StringComparer.Ordinal),
                },
                metadataService: null!);
        });
        services.AddScoped<IWebAuthn, WebAuthnService>();
    }

    /// <summary>
    /// UTS #39 skeletons and the mixed-script rule from ICU's spoof checker. The start fails, naming
    /// <c>Confusables:RequireIcu</c>, when ICU is missing, unless that setting is false.
    /// </summary>
    private static void AddConfusables(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConfusablesOptions>().Bind(configuration.GetSection(ConfusablesOptions.SectionName))
            .Validate(
                o => !o.RequireIcu || IcuSpoofChecker.Installed.Checker is not null,
                $"Confusables:RequireIcu is true, but ICU's spoof checker could not be loaded: {IcuSpoofChecker.Installed.Reason}. "
                + "Install ICU, or set Confusables:RequireIcu=false to tell look-alikes by NFKC and case folding alone.")
            .ValidateOnStart();
        services.AddSingleton<IConfusableSkeleton>(sp =>
        {
            if (IcuSpoofChecker.Installed.Checker is { } checker)
            {
                return checker;
            }

            sp.GetRequiredService<ILogger<FoldingOnlyConfusables>>().LogWarning(
                "ICU's spoof checker could not be loaded ({Reason}); look-alike emails are told apart by NFKC and case folding alone.",
                IcuSpoofChecker.Installed.Reason);
            return new FoldingOnlyConfusables();
        });
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

        // Forgot-password and resend-verification requests, stored in PostgreSQL before the answer.
        services.AddSingleton<BackgroundCommandSignal>();
        services.AddScoped<IBackgroundCommands, BackgroundCommandStore>();
        services.AddSingleton<BackgroundCommandRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundCommandRunner>());
    }

    internal static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                // A query is traced only inside a span (a request, a use case, an outbox send): the background pollers'
                // queries would otherwise each start a trace of their own, every second.
                .ConfigureDataSource(dataSource => dataSource.ConfigureTracing(tracing => tracing
                    .ConfigureCommandFilter(_ => Activity.Current is not null)
                    .ConfigureBatchFilter(_ => Activity.Current is not null))))
            .UseSnakeCaseNamingConvention()
            // A failed command reaches the exception handler, which logs it once: as a one-line warning when the
            // database is out (summarised per second), with its stack trace when it is a bug. EF Core's own lines
            // (three stack traces per failure during an outage) go to Debug.
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

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

    /// <summary>
    /// Applies pending migrations (EF Core takes a database lock so that concurrent instances wait for each other), then
    /// stores the look-alike keys that rows from before the ConfusableSkeletons migration lack.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
        // A migration may rewrite a large table: it is not held to the per-request command timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.MigrateAsync(cancellationToken);
        await LookAlikeKeyBackfill.RunAsync(
            db,
            scope.ServiceProvider.GetRequiredService<IConfusableSkeleton>(),
            scope.ServiceProvider.GetRequiredService<ILogger<AuthFlowDbContext>>(),
            cancellationToken);

        // Pooled connections are not reset between uses (Database:ResetPooledConnections): whatever session state a
        // migration left (a setting, a lock) goes with the connections it used.
        NpgsqlConnection.ClearAllPools();
    }
}
