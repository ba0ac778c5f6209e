using Microsoft.Extensions.Options;
using MimeKit;

namespace AuthFlow.Infrastructure.Email;

/// <summary>How AuthFlow sends email: <c>Email:*</c>. Without <c>Email:Smtp:Host</c>, messages go to a development sink folder.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string ProductName { get; set; } = "AuthFlow";

    /// <summary>The front-end page that asks for the new password; the link is <c>{ResetUrl}?token=...</c>.</summary>
    public string ResetUrl { get; set; } = "";

    /// <summary>The front-end page that confirms an address; the link is <c>{VerifyUrl}?token=...</c>.</summary>
    public string VerifyUrl { get; set; } = "";

    public int ResetTokenMinutes { get; set; } = 30;

    public int VerificationTokenHours { get; set; } = 48;

    /// <summary>
    /// Forgot-password and resend-verification send nothing (and supersede nothing) within this many seconds of the
    /// account's last email of the same kind.
    /// </summary>
    public int ResendCooldownSeconds { get; set; } = 60;

    /// <summary>Where the development sink writes <c>.eml</c> files when no SMTP host is set.</summary>
    public string SinkFolder { get; set; } = ".local/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public DispatcherOptions Dispatcher { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls or SslOnConnect (read as text so that a typo is reported by name).</summary>
    public string Security { get; set; } = nameof(SmtpSecurity.StartTls);

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "AuthFlow <no-reply@localhost>";

    public int TimeoutSeconds { get; set; } = 30;

    public SmtpSecurity SecurityMode => Enum.Parse<SmtpSecurity>(Security, ignoreCase: true);
}

public sealed class DispatcherOptions
{
    /// <summary>How often the dispatcher looks for due emails when the outbox was empty.</summary>
    public int PollIntervalMilliseconds { get; set; } = 2000;

    public int BatchSize { get; set; } = 20;

    /// <summary>After this many failed attempts an email is given up (marked failed).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each further one, up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    public int RetryMaxSeconds { get; set; } = 3600;
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        Require(failures, !string.IsNullOrWhiteSpace(options.ProductName), "Email:ProductName is not set.");
        Require(failures, IsWebUrl(options.ResetUrl), "Email:ResetUrl must be an absolute http(s) URL of the page that resets a password.");
        Require(failures, IsWebUrl(options.VerifyUrl), "Email:VerifyUrl must be an absolute http(s) URL of the page that verifies an email.");
        Require(failures, options.ResetTokenMinutes is >= 1 and <= 1440, "Email:ResetTokenMinutes must be between 1 and 1440.");
        Require(failures, options.VerificationTokenHours is >= 1 and <= 720, "Email:VerificationTokenHours must be between 1 and 720.");
        Require(failures, options.ResendCooldownSeconds is >= 0 and <= 86400, "Email:ResendCooldownSeconds must be between 0 and 86400.");
        Require(failures, options.UsesSmtp || !string.IsNullOrWhiteSpace(options.SinkFolder), "Email:SinkFolder must be set when Email:Smtp:Host is not.");

        var smtp = options.Smtp;
        Require(failures, smtp.Port is >= 1 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.");
        Require(failures, Enum.TryParse<SmtpSecurity>(smtp.Security, ignoreCase: true, out _) && !int.TryParse(smtp.Security, out _),
            "Email:Smtp:Security must be None, StartTls or SslOnConnect.");
        Require(failures, MailboxAddress.TryParse(smtp.From, out _), "Email:Smtp:From must be a sender address, such as 'AuthFlow <no-reply@example.com>'.");
        Require(failures, string.IsNullOrEmpty(smtp.Username) || !string.IsNullOrEmpty(smtp.Password), "Email:Smtp:Password must be set when Email:Smtp:Username is.");
        Require(failures, smtp.TimeoutSeconds is >= 1 and <= 300, "Email:Smtp:TimeoutSeconds must be between 1 and 300.");

        var dispatcher = options.Dispatcher;
        Require(failures, dispatcher.PollIntervalMilliseconds is >= 10 and <= 600_000, "Email:Dispatcher:PollIntervalMilliseconds must be between 10 and 600000.");
        Require(failures, dispatcher.BatchSize is >= 1 and <= 1000, "Email:Dispatcher:BatchSize must be between 1 and 1000.");
        Require(failures, dispatcher.MaxAttempts is >= 1 and <= 100, "Email:Dispatcher:MaxAttempts must be between 1 and 100.");
        Require(failures, dispatcher.RetryBaseSeconds is >= 1 && dispatcher.RetryMaxSeconds >= dispatcher.RetryBaseSeconds,
            "Email:Dispatcher:RetryBaseSeconds must be at least 1 and at most Email:Dispatcher:RetryMaxSeconds.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }

    private static bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
