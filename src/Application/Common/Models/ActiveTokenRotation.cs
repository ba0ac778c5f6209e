using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Models;

/// <summary>
/// A refresh's common case, stored in one statement: rotate the token with <see cref="TokenHash"/> to this successor,
/// if the token, its session and its user pass the checks the domain makes with these values
/// (<see cref="RefreshToken.IsActive"/>, <see cref="Session.IsActive"/> with <see cref="IdleTimeout"/>, a user not
/// <see cref="User.IsDisabled"/>), giving the successor the lifetime <see cref="Session.RefreshTokenLifetime"/> allows
/// out of <see cref="SuccessorLifetime"/>.
/// </summary>
public sealed record ActiveTokenRotation(
    string TokenHash,
    Guid SuccessorId,
    string SuccessorHash,
    string SuccessorSalt,
    DateTimeOffset Now,
    TimeSpan IdleTimeout,
    TimeSpan SuccessorLifetime);

/// <summary>What the access token of a session whose refresh token was just rotated carries.</summary>
public sealed record RotatedSession(AccessTokenSubject Subject, Guid SessionId, IReadOnlyCollection<string> AuthenticationMethods);
