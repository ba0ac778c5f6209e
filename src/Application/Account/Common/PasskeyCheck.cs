using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Mfa;

namespace AuthFlow.Application.Account.Common;

/// <summary>
/// Verifies a passkey assertion against the challenge it answers. On success the challenge is used up and the
/// passkey's counter moves on, in tracked changes the caller saves (both are concurrency tokens: a replay stores nothing).
/// </summary>
public sealed class PasskeyCheck(ISecondFactorRepository secondFactors, IWebAuthn webAuthn)
{
    /// <summary>The passkey that signed, or null when anything does not check out.</summary>
    public async Task<Passkey?> VerifyAsync(Guid challengeId, string assertionJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var challenge = await secondFactors.FindChallengeAsync(challengeId, cancellationToken);
        if (challenge is null || !challenge.IsUsable(PasskeyCeremony.Authentication, now)
            || webAuthn.ReadCredentialId(assertionJson) is not { } credentialId
            || await secondFactors.FindPasskeyAsync(credentialId, cancellationToken) is not { } passkey
            || await webAuthn.VerifyAssertionAsync(challenge.OptionsJson, assertionJson, passkey, cancellationToken) is not { } signCount)
        {
            return null;
        }

        challenge.Consume(now);
        passkey.RecordUse(signCount, now);
        return passkey;
    }
}
