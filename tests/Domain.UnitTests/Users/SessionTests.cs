using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

[TestFixture]
public sealed class SessionTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(1);

    [Test]
    public void Start_Always_RecordsTheClientAndTheTimes()
    {
        var userId = Guid.CreateVersion7();

        var session = Session.Start(userId, "203.0.113.7", "Mozilla/5.0", TestData.Now, TimeSpan.FromDays(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.Id.Version, Is.EqualTo(7));
            Assert.That(session.UserId, Is.EqualTo(userId));
            Assert.That(session.IpAddress, Is.EqualTo("203.0.113.7"));
            Assert.That(session.UserAgent, Is.EqualTo("Mozilla/5.0"));
            Assert.That(session.CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(session.LastUsedAt, Is.EqualTo(TestData.Now));
            Assert.That(session.ExpiresAt, Is.EqualTo(TestData.Now.AddDays(30)));
            Assert.That(session.IsRevoked, Is.False);
        }
    }

    [Test]
    public void Start_WithAVeryLongUserAgent_CutsItToTheBound()
    {
        var session = TestData.StartSession(userAgent: new string('a', Session.MaxUserAgentLength + 100));

        Assert.That(session.UserAgent, Has.Length.EqualTo(Session.MaxUserAgentLength));
    }

    [Test]
    public void Start_WithAUserAgentWhoseBoundFallsInsideASurrogatePair_CutsBeforeThePair()
    {
        var userAgent = new string('a', Session.MaxUserAgentLength - 1) + "\U0001F600" + "tail";

        var session = TestData.StartSession(userAgent: userAgent);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.UserAgent, Is.EqualTo(new string('a', Session.MaxUserAgentLength - 1)));
            Assert.That(session.UserAgent!.EnumerateRunes().Any(r => r == System.Text.Rune.ReplacementChar), Is.False);
        }
    }

    [Test]
    public void Start_WithAUserAgentWhoseBoundFallsAfterASurrogatePair_KeepsThePair()
    {
        var userAgent = new string('a', Session.MaxUserAgentLength - 2) + "\U0001F600" + "tail";

        var session = TestData.StartSession(userAgent: userAgent);

        Assert.That(session.UserAgent, Is.EqualTo(new string('a', Session.MaxUserAgentLength - 2) + "\U0001F600"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Start_WithoutClientDetails_StoresNull(string? value)
    {
        var session = TestData.StartSession(ipAddress: value, userAgent: value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(session.IpAddress, Is.Null);
            Assert.That(session.UserAgent, Is.Null);
        }
    }

    [Test]
    public void Start_WithNonPositiveLifetime_ThrowsArgumentOutOfRange()
    {
        Assert.That(() => TestData.StartSession(absoluteLifetime: TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void IsActive_JustBeforeTheIdleTimeout_IsTrue()
    {
        var session = TestData.StartSession();

        Assert.That(session.IsActive(TestData.Now + IdleTimeout - TimeSpan.FromTicks(1), IdleTimeout), Is.True);
    }

    [Test]
    public void IsActive_AtTheIdleTimeout_IsFalse()
    {
        var session = TestData.StartSession();

        Assert.That(session.IsActive(TestData.Now + IdleTimeout, IdleTimeout), Is.False);
    }

    [Test]
    public void IsActive_AfterUse_CountsTheIdleTimeoutFromTheLastUse()
    {
        var session = TestData.StartSession();
        session.RecordUse(TestData.Now.AddMinutes(50));

        Assert.That(session.IsActive(TestData.Now.AddMinutes(100), IdleTimeout), Is.True);
    }

    [Test]
    public void IsActive_AtTheAbsoluteExpiry_IsFalseHoweverRecentlyUsed()
    {
        var session = TestData.StartSession(absoluteLifetime: TimeSpan.FromHours(2));
        session.RecordUse(TestData.Now.AddMinutes(119));

        Assert.That(session.IsActive(TestData.Now.AddHours(2), IdleTimeout), Is.False);
    }

    [Test]
    public void RecordUse_WithAnEarlierTime_KeepsTheLaterOne()
    {
        var session = TestData.StartSession();
        session.RecordUse(TestData.Now.AddMinutes(10));

        session.RecordUse(TestData.Now.AddMinutes(5));

        Assert.That(session.LastUsedAt, Is.EqualTo(TestData.Now.AddMinutes(10)));
    }

    [Test]
    public void RefreshTokenLifetime_FarFromTheEnd_IsTheTokensOwnLifetime()
    {
        var session = TestData.StartSession(absoluteLifetime: TimeSpan.FromDays(30));

        Assert.That(session.RefreshTokenLifetime(TestData.Now, TimeSpan.FromDays(7)), Is.EqualTo(TimeSpan.FromDays(7)));
    }

    [Test]
    public void RefreshTokenLifetime_NearTheEnd_StopsAtTheSessionsExpiry()
    {
        var session = TestData.StartSession(absoluteLifetime: TimeSpan.FromDays(30));

        Assert.That(session.RefreshTokenLifetime(TestData.Now.AddDays(28), TimeSpan.FromDays(7)), Is.EqualTo(TimeSpan.FromDays(2)));
    }
}
