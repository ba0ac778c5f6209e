namespace AuthFlow.Application.Auth.Commands.Logout;

/// <summary>Which sessions a logout ends. The values are the strings clients send.</summary>
public static class LogoutScope
{
    /// <summary>The session of the access token (the default).</summary>
    public const string Current = "current";

    /// <summary>Every session of the user, this one included.</summary>
    public const string All = "all";

    /// <summary>Every session of the user except this one.</summary>
    public const string Others = "others";

    public static readonly IReadOnlyList<string> Values = [Current, All, Others];
}
