using AuthFlow.Application;
using AuthFlow.Infrastructure;
using AuthFlow.Infrastructure.Persistence;
using AuthFlow.WebApi;
using AuthFlow.WebApi.OpenApi;
using AuthFlow.WebApi.RateLimiting;
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

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Kestrel's own rejections (body too large, malformed request) keep their 4xx status.
    StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapControllers();
app.MapOpenApi();
app.MapAuthFlowApiReference();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

try
{
    // Every setting is checked before anything touches the database.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
    {
        await app.Services.MigrateDatabaseAsync();
    }

    // "keys rotate" / "keys list": the same configuration and database, no web server.
    if (KeysCommandLine.IsInvoked(args))
    {
        return await KeysCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error);
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
