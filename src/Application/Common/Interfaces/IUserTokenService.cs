using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Common.Interfaces;

/// <summary>A fresh one-time token: the value goes into the email once, only the hash is stored.</summary>
public sealed record UserTokenSecret(string Value, string Hash);

/// <summary>Makes and hashes the one-time tokens mailed to users, and knows how long each kind lives.</summary>
public interface IUserTokenService
{
    UserTokenSecret Create();

    string Hash(string value);

    TimeSpan LifetimeOf(UserTokenPurpose purpose);

    /// <summary>How long after one emailed link of a purpose (reset, verification) another may be sent to the same account.</summary>
    TimeSpan ResendCooldown { get; }
}
