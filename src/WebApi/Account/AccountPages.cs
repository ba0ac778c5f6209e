using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AuthFlow.WebApi.Account;

/// <summary>
/// The pages people land on, under <c>/account</c>: static HTML with a few placeholders filled from configuration, one
/// external script and two stylesheets. The pages are clients of the JSON API like any other front end; nothing here
/// reads or writes the database. Every answer carries a strict CSP, no referrer and no caching.
/// </summary>
internal static class AccountPages
{
    public const string PathPrefix = "/account";

    /// <summary>Path (under <see cref="PathPrefix"/>) and file of each page, with its title.</summary>
    private static readonly (string Path, string Name, string Title)[] Pages =
    [
        ("", "account", "Your account"),
        ("/sign-in", "sign-in", "Sign in"),
        ("/register", "register", "Create an account"),
        ("/forgot-password", "forgot-password", "Forgot your password"),
        ("/reset-password", "reset-password", "Choose a new password"),
        ("/verify-email", "verify-email", "Verify your email address"),
    ];

    public static IServiceCollection AddAccountPages(this IServiceCollection services)
    {
        services.AddOptions<AccountPagesOptions>().BindConfiguration(AccountPagesOptions.SectionName)
            .PostConfigure<IOptions<EmailOptions>>((pages, email) =>
            {
                if (string.IsNullOrWhiteSpace(pages.ProductName))
                {
                    pages.ProductName = email.Value.ProductName;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountPagesOptions>, AccountPagesOptionsValidator>();
        services.AddSingleton<IValidateOptions<AccountPagesOptions>, AccountPagesLogoValidator>();
        services.AddSingleton<AccountPageRenderer>();
        return services;
    }

    /// <summary>Maps the pages unless <c>AccountPages:Enabled</c> is false (read raw: the options are validated at start).</summary>
    public static WebApplication MapAccountPages(this WebApplication app)
    {
        if (!app.Configuration.GetValue($"{AccountPagesOptions.SectionName}:{nameof(AccountPagesOptions.Enabled)}", true))
        {
            return app;
        }

        var group = app.MapGroup(PathPrefix).ExcludeFromDescription();
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<AccountPageRenderer>().ApplySecurityHeaders(context.HttpContext.Response);
            return await next(context);
        });

        foreach (var (path, name, title) in Pages)
        {
            group.MapGet(path, (HttpContext http, AccountPageRenderer renderer) =>
                Results.Content(renderer.Page(name, title, http.Request.PathBase), "text/html; charset=utf-8", Encoding.UTF8));
        }

        group.MapGet("/assets/account.js", (AccountPageRenderer renderer) =>
            Results.Content(renderer.Asset("account.js"), "text/javascript; charset=utf-8", Encoding.UTF8));
        group.MapGet("/assets/account.css", (AccountPageRenderer renderer) =>
            Results.Content(renderer.Asset("account.css"), "text/css; charset=utf-8", Encoding.UTF8));
        group.MapGet("/assets/theme.css", (AccountPageRenderer renderer) =>
            Results.Content(renderer.ThemeCss, "text/css; charset=utf-8", Encoding.UTF8));
        return app;
    }
}

/// <summary>Reads the embedded templates once and fills them in; the values that come from configuration are encoded.</summary>
internal sealed class AccountPageRenderer
{
    private readonly AccountPagesOptions _options;
    private readonly string _layout;
    private readonly Dictionary<string, string> _bodies = [];
    private readonly Dictionary<string, string> _assets = [];
    private readonly string _minPasswordLength;

    public AccountPageRenderer(IOptions<AccountPagesOptions> options, IOptions<PasswordPolicyOptions> passwordPolicy)
    {
        _options = options.Value;
        _minPasswordLength = passwordPolicy.Value.MinLength.ToString(CultureInfo.InvariantCulture);
        _layout = Read("_layout.html");
        foreach (var name in new[] { "account", "sign-in", "register", "forgot-password", "reset-password", "verify-email" })
        {
            _bodies[name] = Read($"{name}.html");
        }

        foreach (var name in new[] { "account.js", "account.css" })
        {
            _assets[name] = Read(name);
        }

        ThemeCss = Theme.Css(_options.AccentColor);
        ContentSecurityPolicy = string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            // data: for the authenticator app's QR code, which the enrolment answer carries as a PNG data URI (an
            // image cannot run script; script-src stays 'self').
            $"img-src 'self' data:{LogoSource()}",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'");
    }

    public string ThemeCss { get; }

    public string ContentSecurityPolicy { get; }

    public string Asset(string name) => _assets[name];

    public string Page(string name, string title, PathString pathBase)
    {
        var html = HtmlEncoder.Default;
        var product = html.Encode(_options.ProductName);
        var logo = _options.LogoUri is { } uri
            ? $"<img class=\"logo\" src=\"{html.Encode(uri.IsAbsoluteUri ? uri.AbsoluteUri : pathBase + _options.LogoUrl)}\" alt=\"\">"
            : "";
        return _layout
            .Replace("{{body}}", _bodies[name], StringComparison.Ordinal)
            .Replace("{{title}}", html.Encode(title), StringComparison.Ordinal)
            .Replace("{{page}}", name, StringComparison.Ordinal)
            .Replace("{{minPasswordLength}}", _minPasswordLength, StringComparison.Ordinal)
            .Replace("{{base}}", html.Encode(pathBase.Value ?? ""), StringComparison.Ordinal)
            // Last, so that nothing in a configured value is taken for a placeholder.
            .Replace("{{logo}}", logo, StringComparison.Ordinal)
            .Replace("{{product}}", product, StringComparison.Ordinal);
    }

    /// <summary>
    /// No script but this service's own file, no inline script or style, no framing, no referrer (the tokens are in
    /// the query string), no caching (the pages show account data).
    /// </summary>
    public void ApplySecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers.CacheControl = "no-store";
        headers[HeaderNames.Pragma] = "no-cache";
    }

    private string LogoSource() =>
        _options.LogoUri is { IsAbsoluteUri: true } uri ? $" {uri.GetLeftPart(UriPartial.Authority)}" : "";

    private static string Read(string name)
    {
        using var stream = typeof(AccountPageRenderer).Assembly.GetManifestResourceStream($"AuthFlow.WebApi.Account.Assets.{name}")
            ?? throw new InvalidOperationException($"The account page asset {name} is not embedded in the WebApi assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>The accent colour as CSS custom properties, with a text colour that reads on it.</summary>
internal static class Theme
{
    public static string Css(string accent)
    {
        var onAccent = Contrast(accent, "#ffffff") >= Contrast(accent, "#000000") ? "#ffffff" : "#000000";
        // Links are accent-coloured on white only when that passes WCAG AA (4.5:1); a pale accent keeps dark links.
        var link = Contrast(accent, "#ffffff") >= 4.5 ? accent : "#1f2937";
        return $":root {{\n  --accent: {accent};\n  --on-accent: {onAccent};\n  --link: {link};\n}}\n";
    }

    public static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }
}
