using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Common.Results;
using Mediator;

namespace AuthFlow.Application.Mfa.Queries.GetMfaStatus;

/// <summary>The caller's second factors and how many unused recovery codes remain.</summary>
public sealed record GetMfaStatusQuery(Guid UserId) : IQuery<Result<MfaStatus>>;

/// <summary><paramref name="Factors"/> lists confirmed and pending factors alike; <see cref="MfaFactor.Confirmed"/> tells them apart.</summary>
public sealed record MfaStatus(bool Enabled, IReadOnlyList<MfaFactor> Factors, int RecoveryCodesRemaining);

/// <summary>
/// One factor: its <paramref name="Type"/> (<c>totp</c> or <c>passkey</c>), when it was added and whether it is
/// confirmed (passkeys always are); passkeys also have a <paramref name="Name"/> and <paramref name="LastUsedAt"/>.
/// </summary>
public sealed record MfaFactor(string Type, DateTimeOffset CreatedAt, bool Confirmed, string? Name = null, DateTimeOffset? LastUsedAt = null);

public sealed class GetMfaStatusQueryHandler(ISecondFactorRepository secondFactors) : IQueryHandler<GetMfaStatusQuery, Result<MfaStatus>>
{
    public async ValueTask<Result<MfaStatus>> Handle(GetMfaStatusQuery query, CancellationToken cancellationToken)
    {
        var factors = new List<MfaFactor>();
        if (await secondFactors.FindTotpAsync(query.UserId, cancellationToken) is { } totp)
        {
            factors.Add(new MfaFactor(SecondFactorMethods.Totp, totp.CreatedAt, totp.IsConfirmed));
        }

        foreach (var passkey in await secondFactors.ListPasskeysAsync(query.UserId, cancellationToken))
        {
            factors.Add(new MfaFactor(SecondFactorMethods.Passkey, passkey.CreatedAt, Confirmed: true, passkey.Name, passkey.LastUsedAt));
        }

        var remaining = await secondFactors.CountUnusedRecoveryCodesAsync(query.UserId, cancellationToken);
        return new MfaStatus(factors.Exists(f => f.Confirmed), factors, remaining);
    }
}
