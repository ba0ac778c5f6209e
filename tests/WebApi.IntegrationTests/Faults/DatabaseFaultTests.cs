using System.Diagnostics;
using System.Net;
using AuthFlow.Infrastructure;
using AuthFlow.TestSupport;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;

namespace AuthFlow.WebApi.IntegrationTests.Faults;

/// <summary>
/// The database stopped (pg_ctl stop) and hung (SIGSTOP on its processes), on a PostgreSQL cluster of this fixture's
/// own, never the one the other tests share. What a client sees is in docs/faults.md.
/// </summary>
[NonParallelizable]
public sealed class DatabaseFaultTests
{
    private const int CommandTimeoutSeconds = 2;
    private const int ConnectTimeoutSeconds = 2;
    private const int ReadinessTimeoutSeconds = 1;

    private DedicatedPostgresCluster _cluster = null!;
    private PostgresTestDatabase _database = null!;
    private AuthFlowApiFactory _factory = null!;
    private AuthFlowClient _api = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _cluster = await DedicatedPostgresCluster.StartAsync();
        _database = await PostgresTestDatabase.CreateAsync("authflow_faults", _cluster.ServerConnectionString);
        _factory = new AuthFlowApiFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Database:CommandTimeoutSeconds"] = CommandTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Database:ConnectTimeoutSeconds"] = ConnectTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Database:ReadinessTimeoutSeconds"] = ReadinessTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await _factory.Services.MigrateDatabaseAsync();
        _api = new AuthFlowClient(_factory.CreateClient());
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        _api.Dispose();
        await _factory.DisposeAsync();
        // Resumes whatever is suspended, then stops and removes the cluster.
        await _cluster.DisposeAsync();
    }

    [SetUp]
    public async Task StartFromAWorkingDatabaseAsync()
    {
        await _database.ResetAsync();
        await _factory.WaitUntilListeningAsync();
    }

    [TearDown]
    public async Task LeaveTheDatabaseRunningAsync()
    {
        _cluster.Resume();
        await _cluster.StartAgainAsync();
    }

    [Test]
    public async Task StoppedDatabase_Answers503DatabaseUnavailable_LogsOneLinePerSecondWithoutStackTraces_AndReadinessFollowsItBack()
    {
        var (accessToken, _) = await SignInAsync("stopped@example.com");
        var linesBefore = _factory.Logs.Lines.Count;

        await _cluster.StopAsync();
        var outage = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await _api.LoginAsync("stopped@example.com"));
            answers.Add(await _api.RegisterAsync($"new{i}@example.com"));
            answers.Add(await _api.ForgotPasswordAsync("stopped@example.com"));
            answers.Add(await _api.GetAsync("/api/profile", accessToken));
        }

        using var ready = await _api.GetAsync("/health/ready", accessToken: null);
        using var live = await _api.GetAsync("/health/live", accessToken: null);
        var outageSeconds = outage.Elapsed.TotalSeconds;
        var outageLines = _factory.Logs.Lines.Skip(linesBefore).ToList();

        foreach (var answer in answers)
        {
            await answer.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
            Assert.That(answer.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            answer.Dispose();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(outageLines.Where(line => line.Contains("\n   at ", StringComparison.Ordinal)), Is.Empty, "no stack trace during the outage");
            var unavailableLines = outageLines.Count(line => line.Contains("Database unavailable", StringComparison.Ordinal));
            Assert.That(unavailableLines, Is.GreaterThanOrEqualTo(1).And.LessThanOrEqualTo(3 * ((int)Math.Ceiling(outageSeconds) + 1)),
                $"40 failures in {outageSeconds:0.0} s: at most one line per second per kind");
        }

        await _cluster.StartAgainAsync();
        var back = Stopwatch.StartNew();
        while (true)
        {
            using var readyAgain = await _api.GetAsync("/health/ready", accessToken: null);
            if (readyAgain.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.That(back.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)), "readiness follows the database within a second");
            await Task.Delay(20);
        }

        Assert.That(await _api.ProfileStatusAsync(accessToken), Is.EqualTo(HttpStatusCode.OK), "the session survives the outage");
    }

    [Test]
    public async Task HungDatabase_AnswersWithinTheBudget_WhileLivenessJwksAndDiscoveryAnswerInMilliseconds()
    {
        await SignInAsync("hung@example.com");

        _cluster.Suspend();
        var hung = Stopwatch.StartNew();
        // Enough database-bound requests to time out together (logins have a test of their own, below).
        var bound = Enumerable.Range(0, 24).Select(async i =>
        {
            var started = Stopwatch.StartNew();
            using var response = i % 2 == 0
                ? await _api.ForgotPasswordAsync($"user{i}@example.com")
                : await _api.ResendVerificationAsync($"user{i}@example.com");
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
            return started.Elapsed;
        }).ToList();

        // Sample the routes that need no database through the moment the command timeouts fire, and after.
        var slowest = new Dictionary<string, TimeSpan>();
        while (hung.Elapsed < TimeSpan.FromSeconds(CommandTimeoutSeconds + ConnectTimeoutSeconds + 1.5))
        {
            foreach (var path in new[] { "/health/live", "/.well-known/jwks.json", "/.well-known/openid-configuration" })
            {
                var started = Stopwatch.StartNew();
                using var response = await _api.GetAsync(path, accessToken: null);
                var took = started.Elapsed;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                slowest[path] = slowest.TryGetValue(path, out var before) && before > took ? before : took;
            }

            await Task.Delay(50);
        }

        var readyStarted = Stopwatch.StartNew();
        using var ready = await _api.GetAsync("/health/ready", accessToken: null);
        var readyTook = readyStarted.Elapsed;
        var boundTimes = await Task.WhenAll(bound);
        TestContext.Out.WriteLine("slowest while hung (ms): " + string.Join(", ", slowest.Select(s => $"{s.Key} {s.Value.TotalMilliseconds:0}")));
        TestContext.Out.WriteLine($"database-bound answers (s): max {boundTimes.Max().TotalSeconds:0.00}; readiness {readyTook.TotalSeconds:0.00}");

        using (Assert.EnterMultipleScope())
        {
            foreach (var (path, took) in slowest)
            {
                // Milliseconds on a quiet machine; the bound leaves room for a 2-core machine shared by several builds
                // (load average 55 when this was written) and still fails on the 5-7 s stall of issue 10.
                Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(3)), $"{path} while the database hangs");
            }

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(readyTook, Is.LessThan(TimeSpan.FromSeconds(ReadinessTimeoutSeconds + 1)), "readiness has its own short timeout");
            Assert.That(boundTimes.Max(), Is.LessThan(TimeSpan.FromSeconds(CommandTimeoutSeconds + ConnectTimeoutSeconds + 4)),
                "a hung database answers 503 within the budget (and a margin for a loaded machine)");
        }

        _cluster.Resume();
        var back = Stopwatch.StartNew();
        while (true)
        {
            using var readyAgain = await _api.GetAsync("/health/ready", accessToken: null);
            if (readyAgain.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.That(back.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.5)), "readiness follows the database within a second");
            await Task.Delay(20);
        }
    }

    [Test]
    public async Task HungDatabase_TwentyFourConcurrentLogins_EachAnswer503WithinOneBudget_WhileProtectedReadsJwksAndLivenessKeepAnswering()
    {
        var (accessToken, _) = await SignInAsync("hung-login@example.com");

        _cluster.Suspend();
        var hung = Stopwatch.StartNew();
        // Known and unknown emails, right and wrong passwords: none may wait for another's database call at the
        // password-hashing gate (before the fix, with 2 s timeouts, the 24th answered after 28 s).
        var logins = Enumerable.Range(0, 24).Select(async i =>
        {
            var started = Stopwatch.StartNew();
            using var response = (i % 3) switch
            {
                0 => await _api.LoginAsync("hung-login@example.com"),
                1 => await _api.LoginAsync("hung-login@example.com", "a wrong password for this"),
                _ => await _api.LoginAsync($"nobody{i}@example.com"),
            };
            var took = started.Elapsed;
            var body = await response.ReadJsonAsync();
            return (took, response.StatusCode, Code: body["code"]?.GetValue<string>(), response.Headers.RetryAfter?.Delta);
        }).ToList();
        var profiles = Enumerable.Range(0, 4).Select(async _ =>
        {
            var started = Stopwatch.StartNew();
            using var response = await _api.GetAsync("/api/profile", accessToken);
            var took = started.Elapsed;
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
            return took;
        }).ToList();

        var slowest = TimeSpan.Zero;
        while (hung.Elapsed < TimeSpan.FromSeconds(CommandTimeoutSeconds + ConnectTimeoutSeconds + 1.5))
        {
            foreach (var path in new[] { "/health/live", "/.well-known/jwks.json" })
            {
                var started = Stopwatch.StartNew();
                using var response = await _api.GetAsync(path, accessToken: null);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
            }

            await Task.Delay(50);
        }

        var loginAnswers = await Task.WhenAll(logins);
        var profileTimes = await Task.WhenAll(profiles);
        TestContext.Out.WriteLine("logins (s): " + string.Join(", ", loginAnswers.Select(a => $"{a.took.TotalSeconds:0.00}")));
        // The request's database budget (connect + command timeout, as for every other route) and a margin for a loaded
        // 2-core machine. Measured: 23 of 24 logins in 2.6 s, the first in 6.9 s (with 2 s timeouts);
        // waiting in turn at the gate, as before the fix, took up to 24 budgets (28 s).
        var budget = TimeSpan.FromSeconds(CommandTimeoutSeconds + ConnectTimeoutSeconds + 4);
        using (Assert.EnterMultipleScope())
        {
            foreach (var (took, status, code, retryAfter) in loginAnswers)
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(code, Is.AnyOf("database_unavailable", "busy"));
                Assert.That(retryAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "a 503 says when to retry");
                Assert.That(took, Is.LessThan(budget), "a login against a hung database answers within one budget");
            }

            Assert.That(loginAnswers.Count(a => a.Code == "database_unavailable"), Is.GreaterThan(0));
            Assert.That(profileTimes, Is.All.LessThan(budget), "a protected read answers within one budget");
            Assert.That(slowest, Is.LessThan(TimeSpan.FromSeconds(3)), "liveness and the JWKS while logins time out");
        }

        _cluster.Resume();
        await _factory.WaitUntilListeningAsync();
        using var login = await _api.LoginAsync("hung-login@example.com");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), "logins work again once the database is back");
    }

    private async Task<(string AccessToken, string RefreshToken)> SignInAsync(string email)
    {
        using var registered = await _api.RegisterAsync(email);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        using var login = await _api.LoginAsync(email);
        var body = await login.ReadJsonAsync();
        return (body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
    }
}
