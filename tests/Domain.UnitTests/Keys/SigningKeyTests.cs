using AuthFlow.Domain.Keys;

namespace AuthFlow.Domain.UnitTests.Keys;

public sealed class SigningKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(1);
    private static readonly TimeSpan LastTokenLifetime = TimeSpan.FromMinutes(15.5);

    [Test]
    public void NewKey_IsPublishedAtOnce_ButSignsOnlyAfterTheLead()
    {
        var key = CreateKey(signsFrom: Now + Lead);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.IsPublishedAt(Now), Is.True);
            Assert.That(key.SignsAt(Now), Is.False);
            Assert.That(key.SignsAt(Now + Lead - TimeSpan.FromTicks(1)), Is.False);
            Assert.That(key.SignsAt(Now + Lead), Is.True);
        }
    }

    [Test]
    public void Key_BeforeItWasCreated_IsNotPublished()
    {
        var key = CreateKey(signsFrom: Now);

        Assert.That(key.IsPublishedAt(Now - TimeSpan.FromSeconds(1)), Is.False);
    }

    [Test]
    public void Supersede_StopsSigningThenAndRetiresAfterTheLastTokenLifetime()
    {
        var key = CreateKey(signsFrom: Now);
        var at = Now + TimeSpan.FromDays(30);

        key.Supersede(at, LastTokenLifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.SignsAt(at - TimeSpan.FromTicks(1)), Is.True);
            Assert.That(key.SignsAt(at), Is.False);
            Assert.That(key.IsPublishedAt(at + LastTokenLifetime - TimeSpan.FromTicks(1)), Is.True, "still verifies");
            Assert.That(key.IsPublishedAt(at + LastTokenLifetime), Is.False, "retired");
            Assert.That(key.RetiresAt, Is.EqualTo(at + LastTokenLifetime));
        }
    }

    [Test]
    public void Supersede_OfAnAlreadySupersededKey_KeepsTheFirstDates()
    {
        var key = CreateKey(signsFrom: Now);
        key.Supersede(Now + Lead, LastTokenLifetime);

        key.Supersede(Now + Lead + Lead, LastTokenLifetime);

        Assert.That(key.SupersededAt, Is.EqualTo(Now + Lead));
    }

    [Test]
    public void Create_SigningBeforeItExists_IsRefused()
    {
        Assert.That(() => CreateKey(signsFrom: Now - TimeSpan.FromSeconds(1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    private static SigningKey CreateKey(DateTimeOffset signsFrom) =>
        SigningKey.Create("kid", "ES256", [1, 2, 3], [4, 5, 6], Now, signsFrom);
}
