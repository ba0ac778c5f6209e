using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AuthFlow.Infrastructure.Persistence;

/// <summary>
/// Keys the rows stored before the ConfusableSkeletons migration, in C# because the keys come from ICU and
/// <see cref="User.NormalizeEmail"/>: each user's <c>email_skeleton</c>, oldest account first, and each outbox email's
/// <c>to_key</c>. Where two existing accounts share a skeleton, the older keeps it and the newer stays unkeyed (null),
/// so nobody is locked out. Runs after the migrations, under an advisory lock so that instances starting together take
/// turns; a database already keyed costs two queries.
/// </summary>
internal static class LookAlikeKeyBackfill
{
    public static async Task RunAsync(AuthFlowDbContext db, IConfusableSkeleton confusables, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('authflow/look-alike-key-backfill'))", cancellationToken);

        var emails = await db.OutboxEmails.Where(e => e.ToKey == null).Select(e => new { e.Id, e.To }).ToListAsync(cancellationToken);
        foreach (var byKey in emails.GroupBy(e => User.NormalizeEmail(e.To), StringComparer.Ordinal))
        {
            var ids = byKey.Select(e => e.Id).ToList();
            await db.OutboxEmails.Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.ToKey, byKey.Key), cancellationToken);
        }

        var users = await db.Users.AsNoTracking().Where(u => u.EmailSkeleton == null).OrderBy(u => u.CreatedAt)
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken);
        var unkeyed = 0;
        foreach (var user in users)
        {
            var skeleton = confusables.Skeleton(user.NormalizedEmail);
            if (await db.Users.AnyAsync(u => u.EmailSkeleton == skeleton, cancellationToken))
            {
                unkeyed++;
                continue;
            }

            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailSkeleton, skeleton), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (users.Count > 0 || emails.Count > 0)
        {
            logger.LogInformation(
                "Look-alike keys stored for {Users} accounts and {Emails} outbox emails; {Unkeyed} accounts look like an older one and stay unkeyed.",
                users.Count - unkeyed, emails.Count, unkeyed);
        }
    }
}
