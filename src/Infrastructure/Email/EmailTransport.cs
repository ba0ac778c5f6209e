using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AuthFlow.Infrastructure.Email;

/// <summary>Where the dispatcher hands messages: an SMTP server, or the development sink folder.</summary>
public interface IEmailTransport
{
    /// <summary>Opens one connection for a batch of messages.</summary>
    Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken);
}

public interface IEmailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends over SMTP with MailKit, as <c>Email:Smtp:*</c> configures.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var security = smtp.SecurityMode switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
            }

            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IEmailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is IOException or ProtocolException or SmtpProtocolException or OperationCanceledException)
            {
                // The messages were already accepted or refused; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>
/// The development sink, used when no SMTP host is set: writes each message as an <c>.eml</c> file under
/// <c>Email:SinkFolder</c> and logs <c>email to &lt;address&gt;: &lt;subject&gt;</c>. The body (and its token) is never logged.
/// </summary>
internal sealed partial class FolderEmailSink(IOptions<EmailOptions> options, ILogger<FolderEmailSink> logger) : IEmailTransport
{
    public Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IEmailConnection>(new Connection(this));

    private async Task WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.SinkFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
        await message.WriteToAsync(path, cancellationToken);
        LogWritten(logger, string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "email to {To}: {Subject} (written to {Path})")]
    private static partial void LogWritten(ILogger logger, string to, string subject, string path);

    private sealed class Connection(FolderEmailSink sink) : IEmailConnection
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => sink.WriteAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
