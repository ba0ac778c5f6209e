namespace AuthFlow.Application.Common.Interfaces;

/// <summary>
/// What a new password must satisfy (registration, and any use case that sets a password). Login never applies it,
/// so a policy change cannot lock out an existing account.
/// </summary>
public interface IPasswordPolicy
{
    /// <summary>The accepted length in Unicode code points, inclusive; <see cref="Check"/> enforces it too.</summary>
    int MinLength { get; }

    int MaxLength { get; }

    /// <summary>
    /// The reasons <paramref name="password"/> is refused, each one a sentence the user can act on; empty when it is
    /// accepted. <paramref name="email"/> and <paramref name="username"/>, when known, must not make up the password.
    /// </summary>
    IReadOnlyList<string> Check(string password, string? email = null, string? username = null);
}
