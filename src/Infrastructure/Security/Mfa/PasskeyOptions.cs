using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.Security.Mfa;

/// <summary>The WebAuthn relying party: <c>Passkeys:*</c>.</summary>
public sealed class PasskeyOptions
{
    public const string SectionName = "Passkeys";

    /// <summary>
    /// The domain passkeys are bound to (the front end's host or a parent of it), e.g. <c>example.com</c>. Empty (the
    /// default) turns passkeys off: their routes answer <c>409 passkeys_unavailable</c>.
    /// </summary>
    public string RelyingPartyId { get; set; } = "";

    /// <summary>The name authenticators show.</summary>
    public string RelyingPartyName { get; set; } = "AuthFlow";

    /// <summary>The exact origins (scheme, host, port) of the pages that run the ceremonies.</summary>
    public string[] Origins { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(RelyingPartyId);
}

internal sealed class PasskeyOptionsValidator : IValidateOptions<PasskeyOptions>
{
    public ValidateOptionsResult Validate(string? name, PasskeyOptions options)
    {
        var failures = new List<string>();
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.RelyingPartyId.Contains('/', StringComparison.Ordinal) || options.RelyingPartyId.Contains(':', StringComparison.Ordinal))
        {
            failures.Add("Passkeys:RelyingPartyId must be a domain name such as example.com (no scheme, port or path).");
        }

        if (string.IsNullOrWhiteSpace(options.RelyingPartyName))
        {
            failures.Add("Passkeys:RelyingPartyName must not be empty.");
        }

        if (options.Origins.Length == 0 || !options.Origins.All(o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/"))
        {
            failures.Add("Passkeys:Origins must list at least one origin such as https://example.com (scheme, host and port only).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
