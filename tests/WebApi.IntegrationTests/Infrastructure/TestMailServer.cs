using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace AuthFlow.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server inside the test process (netDumbster) on a fixed free port, so that it can be stopped
/// ("SMTP is down") and started again on the same address.
/// </summary>
public sealed class TestMailServer : IDisposable
{
    private SimpleSmtpServer? _server;

    public int Port { get; } = FreePort();

    public bool IsRunning => _server is not null;

    public void Start() => _server ??= SimpleSmtpServer.Start(Port);

    public void Stop()
    {
        _server?.Stop();
        _server?.Dispose();
        _server = null;
    }

    public void Clear() => _server?.ClearReceivedEmail();

    /// <summary>Every message received since the last <see cref="Clear"/>, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        _server is null ? [] : _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    /// <summary>Waits (polling, with a deadline) until <paramref name="count"/> messages to <paramref name="to"/> have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var received = To(to);
            if (received.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.That(received, Has.Count.GreaterThanOrEqualTo(count), $"emails to {to} within the deadline");
                return received;
            }

            await Task.Delay(25);
        }
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class MailMessageExtensions
{
    /// <summary>The token of the link in the plain-text part (<c>...?token=VALUE</c>).</summary>
    public static string LinkToken(this MimeMessage message)
    {
        var text = message.TextBody ?? throw new AssertionException("The email has no plain-text part.");
        var match = System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+[?&]token=([A-Za-z0-9_\-%]+)");
        Assert.That(match.Success, Is.True, $"a link with a token in: {text}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>The whole link of the plain-text part.</summary>
    public static string Link(this MimeMessage message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+[?&]token=\S+");
        Assert.That(match.Success, Is.True, "a link in the email");
        return match.Value;
    }
}
