using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Models;

/// <summary>
/// What a refresh needs to decide, read together (untracked): the presented token, its session, its user, and the
/// token it was rotated to, if it was. Session or user are missing only when deleted at the same moment.
/// </summary>
public sealed record RefreshTokenChain(RefreshToken Token, Session? Session, User? User, RefreshToken? Successor);
