namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A successor refresh token: its value (for the client), its hash (stored) and the salt it was derived with.</summary>
public sealed record SuccessorToken(string Value, string Hash, string Salt);

/// <summary>
/// Derives a rotated token's successor from the presented token and a random salt, so that the server can hand the
/// same successor to a concurrent refresh without ever storing the successor's value (see ADR 0004).
/// </summary>
public interface IRefreshTokenSuccessors
{
    /// <summary>A successor with a fresh random salt.</summary>
    SuccessorToken Create(string presentedToken);

    /// <summary>The successor that <see cref="Create"/> derived with <paramref name="salt"/> from the same token.</summary>
    SuccessorToken Recreate(string presentedToken, string salt);
}
