using System.Text.RegularExpressions;

namespace AuthFlow.Domain.Users;

/// <summary>A named set of rights. Access tokens carry the names of the caller's roles in their <c>roles</c> claim.</summary>
public sealed partial class Role
{
    /// <summary>The role that AuthFlow's own admin API requires; it exists from the first migration.</summary>
    public const string Admin = "admin";

    public const int MaxNameLength = 50;
    public const int MaxDescriptionLength = 200;

    private Role(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>A lowercase word: <c>^[a-z][a-z0-9_-]{1,49}$</c>.</summary>
    public string Name { get; private set; }

    public string Description { get; private set; }

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static Role Create(string name, string description)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a role name (a lowercase word of 2 to 50 characters).", nameof(name));
        }

        return new Role(name, description ?? "");
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,49}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
