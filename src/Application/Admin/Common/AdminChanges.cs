using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Audit;
using AuthFlow.Domain.Users;

namespace AuthFlow.Application.Admin.Common;

/// <summary>What several admin use cases do alike, inside their unit-of-work transaction.</summary>
public static class AdminChanges
{
    /// <summary>
    /// Ends every session of the user through the session repository (so every instance refuses their access tokens
    /// within a second) and records <c>session.ended</c> with the reason, when there was any to end.
    /// </summary>
    public static async Task EndAllSessionsAsync(
        ISessionRepository sessions, IAuditLog auditLog, Guid userId, SessionRevocation reason, string auditReason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ended = await sessions.RevokeAllForUserAsync(userId, reason, now, exceptSessionId: null, cancellationToken);
        if (ended > 0)
        {
            auditLog.Add(new AuditEntry(AuditEventTypes.SessionEnded, userId, Details: new Dictionary<string, object?>
            {
                ["reason"] = auditReason,
                ["sessions"] = ended,
            }));
        }
    }

    /// <summary>
    /// The last-admin rule: true when taking <paramref name="user"/> out of the active admins would leave none. Locks the
    /// admin role until the transaction ends, so two admins cannot demote each other at once.
    /// </summary>
    public static async Task<bool> IsLastActiveAdminAsync(IRoleRepository roles, User user, CancellationToken cancellationToken)
    {
        var activeAdmins = await roles.LockAndCountActiveHoldersAsync(Role.Admin, cancellationToken);
        return user.HasRole(Role.Admin) && !user.IsDisabled && activeAdmins <= 1;
    }
}
