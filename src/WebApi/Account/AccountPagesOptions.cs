using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AuthFlow.WebApi.Account;

/// <summary>
/// The <c>AccountPages</c> section: the pages under <c>/account</c> (sign in, register, reset password, verify email,
/// the signed-in account) and their theme. A team with its own front end turns them off with <c>Enabled=false</c>.
/// </summary>
public sealed class AccountPagesOptions
{
    public const string SectionName = "AccountPages";

    public bool Enabled { get; set; } = true;

    /// <summary>Shown in every title and heading; empty means <c>Email:ProductName</c>, so pages and emails agree.</summary>
    [MaxLength(100, ErrorMessage = "AccountPages:ProductName must be at most 100 characters.")]
    public string ProductName { get; set; } = "";

    /// <summary>An image shown above each page: an absolute https URL, or a path on this service. Empty: no logo.</summary>
    [MaxLength(2048, ErrorMessage = "AccountPages:LogoUrl must be at most 2048 characters.")]
    public string LogoUrl { get; set; } = "";

    /// <summary>Buttons and links; text on it is black or white, whichever reads better.</summary>
    [Required(ErrorMessage = "AccountPages:AccentColor must be set.")]
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "AccountPages:AccentColor must be a colour written #rrggbb, such as #1d4ed8.")]
    public string AccentColor { get; set; } = "#1d4ed8";

    /// <summary>The logo as an absolute URL (null when there is none); its origin is what the pages' CSP allows for images.</summary>
    public Uri? LogoUri => LogoUrl.Length == 0 ? null : new Uri(LogoUrl, UriKind.RelativeOrAbsolute);
}

[OptionsValidator]
internal sealed partial class AccountPagesOptionsValidator : IValidateOptions<AccountPagesOptions>;

/// <summary>The rule that spans the logo's forms: a path on this service, or an absolute https (or http) URL.</summary>
internal sealed class AccountPagesLogoValidator : IValidateOptions<AccountPagesOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountPagesOptions options)
    {
        var logo = options.LogoUrl;
        if (logo.Length == 0 || (logo.StartsWith('/') && !logo.StartsWith("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(logo, UriKind.Relative)))
        {
            return ValidateOptionsResult.Success;
        }

        return Uri.TryCreate(logo, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !logo.Contains('\'', StringComparison.Ordinal) && !logo.Contains(';', StringComparison.Ordinal)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"AccountPages:LogoUrl must be a path on this service (/logo.png) or an absolute https URL (was '{logo}').");
    }
}
