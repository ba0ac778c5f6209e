using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthFlow.Application.Common.Telemetry;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AuthFlow.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// The spans and metric points of real requests, collected by OpenTelemetry's in-memory exporters from a host with the
/// production telemetry set-up: a login, a refresh whose rotated token is replayed, and an outbox send.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests : ApiTestBase
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();
    private AuthFlowApiFactory _factory = null!;
    private AuthFlowClient _api = null!;

    [SetUp]
    public void StartHost()
    {
        _spans.Clear();
        _metrics.Clear();
        _factory = new AuthFlowApiFactory(Database.ConnectionString, configureServices: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
        });
        _api = new AuthFlowClient(_factory.CreateClient());
    }

    [TearDown]
    public async Task StopHostAsync()
    {
        _api.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task Login_IsOneUseCaseSpanUnderTheRequest_WithItsQueriesUnderIt_AndCountedAsSucceeded()
    {
        using (var register = await _api.RegisterAsync("alice@example.com"))
        {
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var login = await _api.LoginAsync("alice@example.com");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var wrong = await _api.LoginAsync("alice@example.com", "not the password at all");

        var spans = await SpansAsync("LoginCommand", count: 2);
        var succeeded = spans.Single(s => (string?)s.GetTagItem(AuthFlowTelemetry.Attributes.Outcome) == "success");
        var failed = spans.Single(s => (string?)s.GetTagItem(AuthFlowTelemetry.Attributes.Outcome) == "failure");
        var request = await SpanAsync(s => s.SpanId == succeeded.ParentSpanId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Kind, Is.EqualTo(ActivityKind.Server));
            Assert.That(request.DisplayName, Does.Contain("api/auth/login"));
            Assert.That(succeeded.GetTagItem(AuthFlowTelemetry.Attributes.ErrorType), Is.Null);
            Assert.That(failed.GetTagItem(AuthFlowTelemetry.Attributes.ErrorType), Is.EqualTo("invalid_credentials"));
            Assert.That(QueriesUnder(succeeded), Is.Not.Empty, "the login's SQL is traced under its use-case span");
            AssertNoSecretIn(_spans, "alice@example.com", AuthFlowClient.DefaultPassword, "not the password at all");
        }

        var logins = await MetricPointsAsync("authflow.auth.logins", AuthFlowTelemetry.Attributes.LoginOutcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(logins.GetValueOrDefault("succeeded"), Is.EqualTo(1));
            Assert.That(logins.GetValueOrDefault("invalid"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task RefreshWithReuse_ShowsTheRotationAndTheReplay_AndCountsReuseAndTheEndedSession()
    {
        var session = await new AuthFlowClient(_factory.CreateClient()).SignUpAndLoginAsync();
        using (var rotated = await _api.RefreshAsync(session.RefreshToken))
        {
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            // The successor is used: from now on the first token is no longer a retry of a lost response (ADR 0004).
            var successor = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;
            using var next = await _api.RefreshAsync(successor);
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Past the reuse grace window: the rotated token now counts as stolen.
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var replay = await _api.RefreshAsync(session.RefreshToken);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var spans = await SpansAsync("RefreshTokenCommand", count: 3);
        var rotation = spans.First(s => (string?)s.GetTagItem(AuthFlowTelemetry.Attributes.Outcome) == "success");
        var reuse = spans.Single(s => (string?)s.GetTagItem(AuthFlowTelemetry.Attributes.Outcome) == "failure");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reuse.GetTagItem(AuthFlowTelemetry.Attributes.ErrorType), Is.EqualTo("invalid_refresh_token"));
            Assert.That(QueriesUnder(rotation), Is.Not.Empty, "the rotation's queries are under its span");
            Assert.That(QueriesUnder(reuse).Select(q => q.DisplayName + " " + q.GetTagItem("db.query.text") + q.GetTagItem("db.statement")),
                Has.Some.Contains("UPDATE"), "the revocation of the stolen session is under the replay's span");
            AssertNoSecretIn(_spans, session.RefreshToken, session.AccessToken);
        }

        var refreshes = await MetricPointsAsync("authflow.auth.refreshes", AuthFlowTelemetry.Attributes.RefreshOutcome);
        var ended = await MetricPointsAsync("authflow.sessions.ended", AuthFlowTelemetry.Attributes.SessionEndReason);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes.GetValueOrDefault("rotated"), Is.EqualTo(2));
            Assert.That(refreshes.GetValueOrDefault("reuse_detected"), Is.EqualTo(1));
            Assert.That(ended.GetValueOrDefault("reuse_detected"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OutboxSend_IsAClientSpanUnderTheDispatchWithoutTheAddress_AndCountedAsSent()
    {
        using (var register = await _api.RegisterAsync("alice@example.com"))
        {
            Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await Mail.WaitForAsync("alice@example.com");

        var send = await SpanAsync(s => s.DisplayName == "smtp send");
        var dispatch = await SpanAsync(s => s.SpanId == send.ParentSpanId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(send.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(send.GetTagItem(AuthFlowTelemetry.Attributes.EmailOutcome), Is.EqualTo("sent"));
            Assert.That(send.GetTagItem(AuthFlowTelemetry.Attributes.EmailAttempt), Is.EqualTo(1));
            Assert.That(dispatch.DisplayName, Is.EqualTo("OutboxDispatch"));
            Assert.That(QueriesUnder(dispatch), Is.Not.Empty, "the commit that records the send is traced under the dispatch");
            AssertNoSecretIn(_spans, "alice@example.com");
        }

        var emails = await MetricPointsAsync("authflow.outbox.emails", AuthFlowTelemetry.Attributes.EmailOutcome);
        Assert.That(emails.GetValueOrDefault("sent"), Is.EqualTo(1));
    }

    [Test]
    public async Task LogLines_WithinARequest_CarryItsTraceId()
    {
        using var wrong = await _api.LoginAsync("nobody@example.com", "not the password at all");

        var span = (await SpansAsync("LoginCommand", count: 1))[0];
        var line = _factory.Logs.Lines.FirstOrDefault(l => l.Contains("LoginCommand failed with invalid_credentials", StringComparison.Ordinal));
        Assert.That(line, Does.Contain($"TraceId={span.TraceId.ToHexString()}"));
    }

    private async Task<IReadOnlyList<Activity>> SpansAsync(string name, int count)
    {
        await EventuallyAsync(() => Snapshot().Count(s => s.DisplayName == name) >= count);
        return Snapshot().Where(s => s.DisplayName == name).ToList();
    }

    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        await EventuallyAsync(() => Snapshot().Any(match));
        return Snapshot().First(match);
    }

    private List<Activity> Snapshot() => [.. _spans];

    /// <summary>The Npgsql spans whose parent is <paramref name="parent"/>.</summary>
    private List<Activity> QueriesUnder(Activity parent) =>
        Snapshot().Where(s => s.Source.Name == "Npgsql" && s.ParentSpanId == parent.SpanId).ToList();

    /// <summary>Flushes the meter provider and sums each point of <paramref name="name"/> by the value of <paramref name="tag"/>.</summary>
    private async Task<Dictionary<string, long>> MetricPointsAsync(string name, string tag)
    {
        await Task.Yield();
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var latest = _metrics.LastOrDefault(m => m.Name == name);
        Assert.That(latest, Is.Not.Null, $"no metric {name} was exported");
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var point in latest!.MetricPoints)
        {
            foreach (var attribute in point.Tags)
            {
                if (attribute.Key == tag)
                {
                    var key = (string)attribute.Value!;
                    sums[key] = sums.GetValueOrDefault(key) + point.GetSumLong();
                }
            }
        }

        return sums;
    }

    private static void AssertNoSecretIn(IEnumerable<Activity> spans, params string[] secrets)
    {
        foreach (var span in spans.ToList())
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = value?.ToString() ?? "";
                Assert.That(secrets.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)), Is.False, $"span {span.DisplayName} tag {key} holds a secret");
            }
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }
}
