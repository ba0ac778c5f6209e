using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence;

/// <summary>Rows from before the ConfusableSkeletons migration get their look-alike keys when the migrations run.</summary>
public sealed class LookAlikeKeyBackfillTests : DatabaseTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Migrate_KeysOldAccountsOldestFirst_LeavesTheNewerOfTwoLookAlikesUnkeyed_AndKeysOldEmails()
    {
        const string hash = "$2a$04$not-a-real-hash";
        var kate = User.Register("kate", "kate@example.com", hash, Now.AddDays(-2));
        var lookAlike = User.Register("mallory", "k\u0430te@example.com", hash, Now.AddDays(-1));
        var bob = User.Register("bob", "bob@example.com", hash, Now);
        await using (var scope = NewScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
            foreach (var user in new[] { lookAlike, bob, kate })
            {
                Assert.That(await users.TryAddAsync(user, CancellationToken.None), Is.True);
            }

            var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
            db.OutboxEmails.Add(OutboxEmail.Create("\u212Aate@Example.com", new EmailContent("subject", "text", "<p>html</p>"), Now));
            await db.SaveChangesAsync();
        }

        await Database.ExecuteAsync("update outbox_emails set to_key = null");

        await Services.MigrateDatabaseAsync();

        var confusables = Services.GetRequiredService<IConfusableSkeleton>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SkeletonOfAsync(kate.Id), Is.EqualTo(confusables.EmailSkeleton("kate@example.com")));
            Assert.That(await SkeletonOfAsync(lookAlike.Id), Is.Null, "the newer look-alike keeps its account, unkeyed");
            Assert.That(await SkeletonOfAsync(bob.Id), Is.EqualTo(confusables.EmailSkeleton("bob@example.com")));
            Assert.That(await Database.ScalarAsync<string>("select to_key from outbox_emails"), Is.EqualTo("kate@example.com"));
        }
    }

    private static Task<string?> SkeletonOfAsync(Guid id) =>
        Database.ScalarAsync<string?>("select email_skeleton from users where id = @id", ("id", id));
}
