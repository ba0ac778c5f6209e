using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using AuthFlow.Infrastructure.Email;
using AuthFlow.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Persistence.Repositories;

public sealed class UserRepositoryTests : DatabaseTestBase
{
    // 01:02:03.456789: a whole number of microseconds, the precision of timestamptz.
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 29, 1, 2, 3, TimeSpan.Zero).AddTicks(4_567_890);

    private const string PasswordHash = "$2a$04$abcdefghijklmnopqrstuu5Jg8mE4hbhWq0sW9Iv1xgGvCD7b6mi.";

    [Test]
    public async Task Erase_DeletesTheEmailsToTheAccountsAddressHoweverItWasTyped_AndNoOthers()
    {
        var user = NewUser(email: "J\u00F6rg@B\u00FCcher.example");
        var content = new EmailContent("subject", "text", "<p>html</p>");
        await using (var scope = NewScope())
        {
            Assert.That(await Users(scope).TryAddAsync(user, CancellationToken.None), Is.True);
            var db = scope.ServiceProvider.GetRequiredService<AuthFlowDbContext>();
            // The stored address (IDN domain in ASCII), other case, a decomposed umlaut and fullwidth letters, the Unicode
            // domain: one key, where lower(to_address) matched only the first.
            db.OutboxEmails.Add(OutboxEmail.Create(user.Email, content, Now));
            db.OutboxEmails.Add(OutboxEmail.Create("J\u00D6RG@XN--BCHER-KVA.EXAMPLE", content, Now));
            db.OutboxEmails.Add(OutboxEmail.Create("jo\u0308rg@b\u00FCcher.example", content, Now));
            db.OutboxEmails.Add(OutboxEmail.Create("\uFF4A\u00F6rg@b\u00FCcher.example", content, Now));
            db.OutboxEmails.Add(OutboxEmail.Create("joerg@b\u00FCcher.example", content, Now));
            await db.SaveChangesAsync();
        }

        await using (var scope = NewScope())
        {
            var stored = (await Users(scope).FindByIdAsync(user.Id, CancellationToken.None))!;
            await Users(scope).EraseAsync(stored, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.Zero);
            Assert.That(await Database.ScalarAsync<string>("select string_agg(to_address, ',') from outbox_emails"), Is.EqualTo("joerg@b\u00FCcher.example"));
        }
    }

    [Test]
    public async Task TryAdd_WithALookAlikeOfAnExistingEmail_StoresNothing()
    {
        var confusables = Services.GetRequiredService<IConfusableSkeleton>();
        var kate = NewUser(email: "kate@example.com", skeleton: confusables.EmailSkeleton("kate@example.com"));
        var lookAlike = NewUser(email: "k\u0430te@example.com", skeleton: confusables.EmailSkeleton("k\u0430te@example.com"));

        await using (var scope = NewScope())
        {
            Assert.That(await Users(scope).TryAddAsync(kate, CancellationToken.None), Is.True);
        }

        await using (var scope = NewScope())
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await Users(scope).IsEmailTakenAsync(lookAlike.NormalizedEmail, lookAlike.EmailSkeleton!, CancellationToken.None), Is.True);
                Assert.That(await Users(scope).TryAddAsync(lookAlike, CancellationToken.None), Is.False, "the unique index of skeletons decides");
            }
        }

        Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
    }

    [Test]
    public async Task TryAdd_WithNewEmail_StoresEveryField()
    {
        var user = NewUser(username: " alice ", email: " Alice@Example.com ");
        user.RecordLogin(Now.AddMinutes(5).AddTicks(10));

        await using (var scope = NewScope())
        {
            Assert.That(await Users(scope).TryAddAsync(user, CancellationToken.None), Is.True);
        }

        await using var readScope = NewScope();
        var stored = await Users(readScope).FindByIdAsync(user.Id, CancellationToken.None);
        Assert.That(stored, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.Id, Is.EqualTo(user.Id));
            Assert.That(stored.Username, Is.EqualTo("alice"));
            Assert.That(stored.Email, Is.EqualTo("Alice@Example.com"));
            Assert.That(stored.NormalizedEmail, Is.EqualTo("alice@example.com"));
            Assert.That(stored.PasswordHash, Is.EqualTo(PasswordHash));
            Assert.That(stored.CreatedAt, Is.EqualTo(Now));
            Assert.That(stored.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(stored.LastLoginAt, Is.EqualTo(Now.AddMinutes(5).AddTicks(10)));
        }
    }

    [Test]
    public async Task TryAdd_StoresCreatedAtExactToTheMicrosecond()
    {
        var user = NewUser();
        await using (var scope = NewScope())
        {
            await Users(scope).TryAddAsync(user, CancellationToken.None);
        }

        var microseconds = await Database.ScalarAsync<decimal>(
            "select extract(microseconds from created_at) from users where id = @id", ("id", user.Id));

        // extract(microseconds) covers the seconds field: 3.456789 s.
        Assert.That(microseconds, Is.EqualTo(3_456_789m));
    }

    [Test]
    public async Task TryAdd_WhenEmailDiffersOnlyInCaseAndWhitespace_ReturnsFalseAndStoresOneRow()
    {
        await using var scope = NewScope();
        var users = Users(scope);
        await users.TryAddAsync(NewUser(username: "alice", email: "alice@example.com"), CancellationToken.None);

        var added = await users.TryAddAsync(NewUser(username: "impostor", email: "  ALICE@Example.COM "), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(added, Is.False);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("select username from users"), Is.EqualTo("alice"));
        }
    }

    [Test]
    public async Task TryAdd_AfterADuplicateEmail_TheSameContextStillSavesOtherChanges()
    {
        await using var scope = NewScope();
        var users = Users(scope);
        var alice = NewUser(username: "alice", email: "alice@example.com");
        await users.TryAddAsync(alice, CancellationToken.None);
        await users.TryAddAsync(NewUser(username: "impostor", email: "Alice@example.com"), CancellationToken.None);

        alice.RecordLogin(Now.AddHours(1));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        var bobAdded = await users.TryAddAsync(NewUser(username: "bob", email: "bob@example.com"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bobAdded, Is.True);
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(2));
            Assert.That(
                await Database.ScalarAsync<long>("select count(*) from users where id = @id and last_login_at is not null", ("id", alice.Id)),
                Is.EqualTo(1));
        }
    }

    [Test]
    public async Task TryAdd_TwentyConcurrentRegistrationsOfOneEmail_ExactlyOneSucceeds()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var scope = NewScope();
            var email = i % 2 == 0 ? "race@example.com" : " Race@Example.com";
            return await Users(scope).TryAddAsync(NewUser(username: $"racer{i}", email: email), CancellationToken.None);
        })));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Count(added => added), Is.EqualTo(1), string.Join(",", results));
            Assert.That(await Database.ScalarAsync<long>("select count(*) from users"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task FindByEmail_WithNormalizedEmail_FindsUserRegisteredWithMixedCase()
    {
        var user = NewUser(email: " Alice@Example.COM ");
        await using (var scope = NewScope())
        {
            await Users(scope).TryAddAsync(user, CancellationToken.None);
        }

        await using var readScope = NewScope();
        var found = await Users(readScope).FindByEmailAsync(User.NormalizeEmail("ALICE@example.com"), CancellationToken.None);

        Assert.That(found?.Id, Is.EqualTo(user.Id));
    }

    [Test]
    public async Task FindByEmail_WithUnknownEmail_ReturnsNull()
    {
        await using (var scope = NewScope())
        {
            await Users(scope).TryAddAsync(NewUser(email: "alice@example.com"), CancellationToken.None);
        }

        await using var readScope = NewScope();
        var found = await Users(readScope).FindByEmailAsync("bob@example.com", CancellationToken.None);

        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task FindById_WithUnknownId_ReturnsNull()
    {
        await using var scope = NewScope();

        var found = await Users(scope).FindByIdAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task TrySaveChanges_AfterTheHashChangedElsewhere_StoresNothingAndReturnsFalse()
    {
        var user = NewUser();
        await using (var scope = NewScope())
        {
            await Users(scope).TryAddAsync(user, CancellationToken.None);
        }

        // A login read the user (old hash) and is about to start a session; a reset stores a new hash meanwhile.
        await using var login = NewScope();
        var loggingIn = (await Users(login).FindByIdAsync(user.Id, CancellationToken.None))!;
        await using (var reset = NewScope())
        {
            var resetting = (await Users(reset).FindByIdAsync(user.Id, CancellationToken.None))!;
            resetting.ChangePasswordHash(PasswordHash.Replace("u5Jg", "XXXX", StringComparison.Ordinal));
            Assert.That(await reset.ServiceProvider.GetRequiredService<IUnitOfWork>().TrySaveChangesAsync(CancellationToken.None), Is.True);
        }

        loggingIn.RecordLogin(Now.AddMinutes(1));
        var saved = await login.ServiceProvider.GetRequiredService<IUnitOfWork>().TrySaveChangesAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved, Is.False);
            Assert.That(await Database.ScalarAsync<DateTimeOffset?>("select last_login_at from users where id = @id", ("id", user.Id)), Is.Null);
        }
    }

    private static IUserRepository Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IUserRepository>();

    private static User NewUser(string username = "alice", string email = "alice@example.com", string? skeleton = null) =>
        User.Register(username, email, PasswordHash, Now, skeleton);
}
