using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AuthFlow.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AuthFlow.WebApi.IntegrationTests.Faults;

/// <summary>
/// A raw-socket corpus of malformed requests against the real Kestrel server, each expecting the status and body that
/// docs/faults.md documents: a problem+json body with a catalogue code when the request reaches the pipeline, an
/// empty body when Kestrel refuses it while parsing the request head (it answers before any application code runs).
/// </summary>
[NonParallelizable]
public sealed class MalformedRequestTests
{
    private const string Login = "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n";

    private AuthFlowApiFactory _factory = null!;
    private Uri _address = null!;

    [OneTimeSetUp]
    public void StartKestrel()
    {
        _factory = new AuthFlowApiFactory(TestHost.Database.ConnectionString);
        _factory.UseKestrel(0);
        _factory.UseKestrel(options =>
            // A slow body is cut off after two seconds below 100 bytes/s instead of Kestrel's default 5 s and 240 bytes/s.
            options.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(2)));
        _factory.StartServer();
        using var client = _factory.CreateClient();
        _address = client.BaseAddress!;
    }

    [OneTimeTearDown]
    public async Task StopKestrelAsync() => await _factory.DisposeAsync();

    /// <summary>Requests that reach the pipeline: each gets a problem+json body with a stable code.</summary>
    public static IEnumerable<TestCaseData> PipelineCorpus()
    {
        yield return new TestCaseData(Ascii(Login + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), 400, "bad_request")
            .SetName("chunk size that overflows");
        yield return new TestCaseData(Ascii(Login + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), 400, "bad_request")
            .SetName("chunk size that is not hexadecimal");
        yield return new TestCaseData(Ascii(Login + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n"), 400, "bad_request")
            .SetName("chunk without its CRLF");
        yield return new TestCaseData(
                Bytes(Ascii("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json; charset=utf-16\r\nConnection: close\r\nContent-Length: 3\r\n\r\n"), [(byte)'{', 0, (byte)'}']),
                400, "bad_request")
            .SetName("UTF-16 body with an odd byte count");
        yield return new TestCaseData(
                Bytes(Ascii("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json; charset=utf-16\r\nConnection: close\r\nContent-Length: 4\r\n\r\n"), [0x00, 0xD8, 0x7B, 0x00]),
                400, "bad_request")
            .SetName("UTF-16 body with a lone surrogate");
        // Kestrel drops the Content-Length and reads the chunked body, here an empty JSON object.
        yield return new TestCaseData(Ascii(Login + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n"), 400, "validation_failed")
            .SetName("Transfer-Encoding with Content-Length");
        var huge = new string('a', 20 * 1024);
        yield return new TestCaseData(Ascii(Login + $"Transfer-Encoding: chunked\r\n\r\n{huge.Length:x}\r\n{huge}\r\n0\r\n\r\n"), 413, "payload_too_large")
            .SetName("chunked body over the limit");
        yield return new TestCaseData(Ascii(Login + $"Content-Length: {huge.Length}\r\n\r\n{huge}"), 413, "payload_too_large")
            .SetName("declared body over the limit");
    }

    /// <summary>Requests Kestrel refuses while parsing the request head: status only, no body (documented in docs/faults.md).</summary>
    public static IEnumerable<TestCaseData> KestrelCorpus()
    {
        const string Get = "GET /health/live HTTP/1.1\r\n";
        yield return new TestCaseData(Bytes(Ascii(Get + "Host: localhost\r\nX-A: a"), [0], Ascii("b\r\n\r\n")), 400).SetName("NUL in a header value");
        yield return new TestCaseData(Ascii(Login + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), 400).SetName("two Content-Lengths");
        yield return new TestCaseData(Ascii(Login + "Content-Length: -1\r\n\r\n{}"), 400).SetName("negative Content-Length");
        yield return new TestCaseData(Ascii(Get + "Host: localhost\r\nX-A: a\r\n folded\r\n\r\n"), 400).SetName("obs-fold");
        yield return new TestCaseData(Ascii(Get + "Host: localhost\r\nno colon here\r\n\r\n"), 400).SetName("header without a colon");
        yield return new TestCaseData(Ascii(Get + "\r\n"), 400).SetName("missing Host");
        yield return new TestCaseData(Ascii(Get + "Host: a\r\nHost: b\r\n\r\n"), 400).SetName("two Host headers");
        yield return new TestCaseData(Ascii("GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414).SetName("request line over 8 KB");
        yield return new TestCaseData(Ascii("GET /health/live HTTP/1.2\r\nHost: localhost\r\n\r\n"), 505).SetName("HTTP/1.2");
        yield return new TestCaseData(Ascii(Get + "Host: localhost\r\nX-A: " + new string('a', 33 * 1024) + "\r\n\r\n"), 431).SetName("headers over 32 KB");
        yield return new TestCaseData(Ascii("G@T /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400).SetName("invalid method token");
    }

    [TestCaseSource(nameof(PipelineCorpus))]
    public async Task RequestReachingThePipeline_GetsItsProblemBody(byte[] request, int status, string code)
    {
        var linesBefore = _factory.Logs.Lines.Count;

        var (actualStatus, headers, body) = await SendAsync(request);

        Assert.That(actualStatus, Is.EqualTo(status), body);
        Assert.That(headers, Does.Contain("content-type: application/problem+json"), body);
        var problem = JsonNode.Parse(body)!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem["code"]?.GetValue<string>(), Is.EqualTo(code));
            Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo(status));
            Assert.That(body, Does.Not.Contain("Exception").And.Not.Contain("   at "));
            var newLines = _factory.Logs.Lines.Skip(linesBefore).ToList();
            Assert.That(newLines.Where(l => l.Contains("\n   at ", StringComparison.Ordinal) || l.Contains("unhandled", StringComparison.OrdinalIgnoreCase)), Is.Empty,
                "a malformed request is a warning without a stack trace, not an unhandled exception");
        }
    }

    [TestCaseSource(nameof(KestrelCorpus))]
    public async Task RequestRefusedByKestrel_GetsItsStatusWithAnEmptyBody(byte[] request, int status)
    {
        var (actualStatus, headers, body) = await SendAsync(request);

        Assert.That(actualStatus, Is.EqualTo(status), headers + body);
        Assert.That(body, Is.Empty);
        Assert.That(headers, Does.Contain("content-length: 0"));
    }

    [Test]
    public async Task SlowBody_Gets408RequestTimeoutProblem()
    {
        var request = Ascii(Login + "Content-Length: 2000\r\n\r\n{\"email\":");

        var (status, headers, body) = await SendAsync(request, keepOpenFor: TimeSpan.FromSeconds(10));

        Assert.That(status, Is.EqualTo(408), headers + body);
        Assert.That(JsonNode.Parse(body)!["code"]?.GetValue<string>(), Is.EqualTo("request_timeout"));
        Assert.That(_factory.Logs.Lines.Any(l => l.Contains("Request refused with 408", StringComparison.Ordinal)), Is.True, "logged as a warning");
    }

    [Test]
    public async Task ChunkedBodyOverTheLimit_ArrivingInPieces_Gets413BeforeItsFirstBytesAreParsed()
    {
        // The first kilobyte of a 20 KB chunk, a pause, then the rest: parsed as it came, the first bytes alone (not
        // JSON) would be answered 400 before the server had counted enough of the body to refuse it.
        var huge = new string('a', 20 * 1024);
        var head = Login + $"Transfer-Encoding: chunked\r\n\r\n{huge.Length:x}\r\n";
        var request = Ascii(head + huge + "\r\n0\r\n\r\n");

        var (status, headers, body) = await SendAsync(request, pauseAfter: head.Length + 1024);

        Assert.That(status, Is.EqualTo(413), headers + body);
        Assert.That(JsonNode.Parse(body)!["code"]?.GetValue<string>(), Is.EqualTo("payload_too_large"));
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Bytes(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    /// <summary>Sends raw bytes, reads until the server closes (or the wait ends), and splits status, headers (lower case) and body.</summary>
    private async Task<(int Status, string Headers, string Body)> SendAsync(byte[] request, TimeSpan? keepOpenFor = null, int? pauseAfter = null)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_address.Host, _address.Port);
        var stream = client.GetStream();
        try
        {
            if (pauseAfter is { } firstBytes)
            {
                // Two writes with a pause between them: the server receives the request in two pieces.
                await stream.WriteAsync(request.AsMemory(0, firstBytes));
                await Task.Delay(300);
                await stream.WriteAsync(request.AsMemory(firstBytes));
            }
            else
            {
                await stream.WriteAsync(request);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before the whole request is written.
        }

        using var timeout = new CancellationTokenSource(keepOpenFor ?? TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (IsComplete(received.ToArray()))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Reset or timed out: parse what arrived.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.That(split, Is.GreaterThan(0), "no response head: " + text);
        var head = text[..split].ToLowerInvariant();
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = text[(split + 4)..];
        return (status, head, head.Contains("transfer-encoding: chunked", StringComparison.Ordinal) ? Dechunk(body) : body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(body[position..lineEnd], 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }

    /// <summary>A response with a Content-Length is complete once that many body bytes arrived.</summary>
    private static bool IsComplete(byte[] received)
    {
        var text = Encoding.UTF8.GetString(received);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var lengthLine = text[..split].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return lengthLine is not null
            && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
