using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Auth.Common;

/// <summary>The rules every emailed one-time token follows, shared by the use cases that issue or redeem one.</summary>
public sealed class OneTimeTokens(IUserTokenRepository tokens, IUserTokenService tokenService, IUserRepository users)
{
    /// <summary>
    /// Issues a token of <paramref name="purpose"/> for the user, retiring the user's earlier unused ones of that
    /// purpose, and returns its value (for the email). The token is stored by the next save.
    /// </summary>
    public async Task<string> IssueAsync(Guid userId, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tokens.SupersedeUnusedAsync(userId, purpose, now, cancellationToken);
        return IssueFirst(userId, purpose, now);
    }

    /// <summary>
    /// Like <see cref="IssueAsync"/>, unless the user was sent a token of <paramref name="purpose"/> less than
    /// <see cref="IUserTokenService.ResendCooldown"/> ago: then it issues nothing, retires nothing and returns null,
    /// so that repeated requests can neither flood the inbox nor keep killing the link just sent.
    /// </summary>
    public async Task<string?> IssueUnlessCoolingDownAsync(Guid userId, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastIssued = await tokens.LastIssuedAtAsync(userId, purpose, cancellationToken);
        if (lastIssued is { } issued && now - issued < tokenService.ResendCooldown)
        {
            return null;
        }

        return await IssueAsync(userId, purpose, now, cancellationToken);
    }

    /// <summary>
    /// Issues a token without retiring earlier ones: for an account that is being created (it has none), and for
    /// mfaTokens (several logins may be pending at once).
    /// </summary>
    public string IssueFirst(Guid userId, UserTokenPurpose purpose, DateTimeOffset now)
    {
        var secret = tokenService.Create();
        tokens.Add(UserToken.Issue(userId, purpose, secret.Hash, now, tokenService.LifetimeOf(purpose)));
        return secret.Value;
    }

    /// <summary>
    /// Issues a token that moves the account to <paramref name="newEmail"/>, retiring the user's earlier unused ones,
    /// and returns its value (for the email). The token is stored by the next save.
    /// </summary>
    public async Task<string> IssueEmailChangeAsync(Guid userId, string newEmail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tokens.SupersedeUnusedAsync(userId, UserTokenPurpose.EmailChange, now, cancellationToken);
        var secret = tokenService.Create();
        tokens.Add(UserToken.IssueForEmailChange(userId, newEmail, secret.Hash, now, tokenService.LifetimeOf(UserTokenPurpose.EmailChange)));
        return secret.Value;
    }

    /// <summary>The token with this value and purpose when it can still be redeemed; null when unknown, expired, used or superseded.</summary>
    public async Task<UserToken?> FindUsableAsync(string value, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await tokens.FindByHashAsync(tokenService.Hash(value), purpose, cancellationToken);
        return token is not null && token.IsUsable(now) ? token : null;
    }

    /// <summary>
    /// The usable token with this value and purpose, and the account it was issued to; null when the token cannot be
    /// redeemed or its account is gone.
    /// </summary>
    public async Task<(UserToken Token, User User)?> FindRedeemableAsync(
        string value, UserTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await FindUsableAsync(value, purpose, now, cancellationToken);
        var user = token is null ? null : await users.FindByIdAsync(token.UserId, cancellationToken);
        return token is null || user is null ? null : (token, user);
    }
}
