using System.Globalization;
using System.Net;

namespace AuthFlow.Infrastructure.Email;

/// <summary>A rendered email: subject, plain text and HTML.</summary>
public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>
/// The emails AuthFlow sends. Every value that a user supplied (the username) and the link are HTML-encoded in the
/// HTML part; the plain-text part needs no encoding.
/// </summary>
internal static class EmailTemplates
{
    public static EmailContent PasswordReset(string productName, string username, string link, TimeSpan validFor) =>
        Render(
            $"Reset your {productName} password",
            username,
            $"Someone asked to reset the password of your {productName} account. To choose a new password, open this link",
            link,
            validFor,
            "If you did not ask for this, ignore this email: your password stays as it is.");

    public static EmailContent EmailVerification(string productName, string username, string link, TimeSpan validFor) =>
        Render(
            $"Verify your email for {productName}",
            username,
            $"Please confirm that this address belongs to your {productName} account by opening this link",
            link,
            validFor,
            "If you did not create this account, ignore this email.");

    /// <summary>Mailed to the new address; the link goes to the verification page, which redeems either kind of token.</summary>
    public static EmailContent EmailChangeConfirmation(string productName, string username, string link, TimeSpan validFor) =>
        Render(
            $"Confirm your new email for {productName}",
            username,
            $"Someone asked to move a {productName} account to this address. To confirm it, open this link",
            link,
            validFor,
            "If you did not ask for this, ignore this email: nothing changes.");

    /// <summary>Mailed to the current address. It names no new address: a thief holding the account learns nothing new from it.</summary>
    public static EmailContent EmailChangeNotice(string productName, string username)
    {
        var subject = $"Your {productName} email is about to change";
        var text = $"""
            Hi {username},

            Someone signed in to your {productName} account asked to change its email address. The change happens only
            when the link sent to the new address is opened.

            If this was not you, change your password now and review your sessions.
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>Hi {Encode(username)},</p>
            <p>Someone signed in to your {Encode(productName)} account asked to change its email address. The change happens only
            when the link sent to the new address is opened.</p>
            <p>If this was not you, change your password now and review your sessions.</p>
            </body></html>
            """;
        return new EmailContent(subject, text, html);
    }

    /// <summary><c>{baseUrl}?token=...</c>, or <c>&amp;token=...</c> when the page URL already has a query.</summary>
    public static string Link(string baseUrl, string token) =>
        $"{baseUrl}{(baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={Uri.EscapeDataString(token)}";

    private static EmailContent Render(string subject, string username, string intro, string link, TimeSpan validFor, string outro)
    {
        var expiry = Describe(validFor);
        var text = $"""
            Hi {username},

            {intro}:

            {link}

            The link works once and expires in {expiry}.

            {outro}
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>Hi {Encode(username)},</p>
            <p>{Encode(intro)}:</p>
            <p><a href="{Encode(link)}">{Encode(link)}</a></p>
            <p>The link works once and expires in {Encode(expiry)}.</p>
            <p>{Encode(outro)}</p>
            </body></html>
            """;
        return new EmailContent(subject, text, html);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalMinutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");
}
