using AuthFlow.Application;
using AuthFlow.Infrastructure;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.WebApi;
using AuthFlow.WebApi.Account;
using AuthFlow.WebApi.Contracts;
using AuthFlow.WebApi.OpenApi;
using AuthFlow.WebApi.RateLimiting;
using AuthFlow.WebApi.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();

// First, so that everything after it sees the client's address (only when a trusted proxy is configured).
app.UseAuthFlowForwardedHeaders();

// A database outage and an unreadable request are answered by AuthFlowExceptionHandler (503, 400, 408, 413) with one
// summarised warning; anything else is a bare 500 with one error line.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseAuthFlowPrometheusEndpoint();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapControllers();
app.MapAccountPages();
app.MapOpenApi();
app.MapAuthFlowApiReference();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapGet("/version", () => new VersionResponse(AuthFlowVersion.Current))
    .WithName("getVersion")
    .WithSummary("The running service's version")
    .Produces<VersionResponse>();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

try
{
    // Every setting is checked before anything touches the database.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    // "migrate": applies pending migrations and exits; run once before the replicas start (see docker-compose.yml).
    if (MigrateCommandLine.IsInvoked(args))
    {
        return await MigrateCommandLine.RunAsync(app.Services, Console.Out, Console.Error);
    }

    if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
    {
        await app.Services.MigrateDatabaseAsync();
    }

    // "keys rotate" / "keys list": the same configuration and database, no web server.
    if (KeysCommandLine.IsInvoked(args))
    {
        return await KeysCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
    }

    // "users grant-role|revoke-role|list": the first admin, without SQL.
    if (UsersCommandLine.IsInvoked(args))
    {
        return await UsersCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
    }

    // A key that signs now, loaded before the first request.
    await app.Services.PrepareSigningKeysAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailures.Of(ex) is { Count: > 0 } failures)
{
    // A missing or weak setting: say which, without a stack trace.
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync($"AuthFlow cannot start: {failure}");
    }

    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
