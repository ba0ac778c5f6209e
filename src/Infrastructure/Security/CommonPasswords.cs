namespace AuthFlow.Infrastructure.Security;

/// <summary>
/// The 30,000 most common passwords from real breaches, ranked by frequency, as the zxcvbn project publishes them
/// (zxcvbn-core ships the list as an embedded resource; MIT licence). Held lower-cased in memory.
/// </summary>
internal sealed class CommonPasswords
{
    private const string ResourceSuffix = ".Dictionaries.passwords.lst";

    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                _passwords.Add(line.ToLowerInvariant());
            }
        }
    }

    public int Count => _passwords.Count;

    /// <summary>Whether <paramref name="lowerCased"/> (already lower-cased) is on the list.</summary>
    public bool Contains(string lowerCased) => _passwords.Contains(lowerCased);
}
