using AuthFlow.Infrastructure.Security;
using AuthFlow.Infrastructure.Sessions;
using AuthFlow.TestSupport;
using Microsoft.Extensions.Options;

namespace AuthFlow.Infrastructure.IntegrationTests.Sessions;

public sealed class RevokedSessionCacheTests
{
    private TestClock _clock = null!;
    private RevokedSessionCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new TestClock();
        _cache = new RevokedSessionCache(Options.Create(new JwtOptions { AccessTokenMinutes = 15, ClockSkewSeconds = 30 }), _clock);
    }

    [Test]
    public void Retention_IsTheAccessTokenLifetimePlusTheSkew()
    {
        Assert.That(_cache.Retention, Is.EqualTo(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void IsRevoked_AfterAdd_IsTrueOnlyForThatSession()
    {
        var sessionId = Guid.CreateVersion7();

        _cache.Add(sessionId, _clock.GetUtcNow());

        Assert.That(_cache.IsRevoked(sessionId), Is.True);
        Assert.That(_cache.IsRevoked(Guid.CreateVersion7()), Is.False);
    }

    [Test]
    public void Add_ForARevocationOlderThanTheRetention_KeepsNothing()
    {
        var sessionId = Guid.CreateVersion7();

        _cache.Add(sessionId, _clock.GetUtcNow() - _cache.Retention - TimeSpan.FromSeconds(1));

        Assert.That(_cache.IsRevoked(sessionId), Is.False);
    }

    [Test]
    public void Prune_BeforeTheRetentionEnds_KeepsTheEntry()
    {
        var sessionId = Guid.CreateVersion7();
        _cache.Add(sessionId, _clock.GetUtcNow());
        _clock.Advance(_cache.Retention - TimeSpan.FromSeconds(1));

        _cache.Prune();

        Assert.That(_cache.IsRevoked(sessionId), Is.True);
    }

    [Test]
    public void Prune_AfterTheRetention_ForgetsTheEntrySoTheSetStaysBounded()
    {
        var old = Guid.CreateVersion7();
        _cache.Add(old, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(10));
        var recent = Guid.CreateVersion7();
        _cache.Add(recent, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(6));

        var removed = _cache.Prune();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(_cache.IsRevoked(old), Is.False);
            Assert.That(_cache.IsRevoked(recent), Is.True);
            Assert.That(_cache.Count, Is.EqualTo(1));
        }
    }

    [Test]
    public void Add_TwiceForOneSession_KeepsTheLaterRetention()
    {
        var sessionId = Guid.CreateVersion7();
        _cache.Add(sessionId, _clock.GetUtcNow().AddMinutes(5));
        _cache.Add(sessionId, _clock.GetUtcNow());
        _clock.Advance(_cache.Retention + TimeSpan.FromMinutes(1));

        _cache.Prune();

        Assert.That(_cache.IsRevoked(sessionId), Is.True);
    }
}
