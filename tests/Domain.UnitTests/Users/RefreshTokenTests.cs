using AuthFlow.Domain.Users;

namespace AuthFlow.Domain.UnitTests.Users;

[TestFixture]
public sealed class RefreshTokenTests
{
    [Test]
    public void IssueForSession_Always_BelongsToTheSessionAndItsUser()
    {
        var session = TestData.StartSession();

        var token = RefreshToken.IssueForSession(session, "the-hash", TestData.Now, TestData.RefreshTokenLifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.SessionId, Is.EqualTo(session.Id));
            Assert.That(token.UserId, Is.EqualTo(session.UserId));
            Assert.That(token.Id, Is.Not.EqualTo(session.Id));
            Assert.That(token.Id.Version, Is.EqualTo(7));
        }
    }

    [Test]
    public void IssueForSession_Always_ExpiresAfterTheLifetime()
    {
        var lifetime = TimeSpan.FromHours(5);

        var token = TestData.IssueToken(now: TestData.Now, lifetime: lifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.CreatedAt, Is.EqualTo(TestData.Now));
            Assert.That(token.ExpiresAt, Is.EqualTo(TestData.Now + lifetime));
        }
    }

    [Test]
    public void IssueForSession_Always_KeepsUserAndHash()
    {
        var userId = Guid.CreateVersion7();

        var token = TestData.IssueToken(userId: userId, tokenHash: "the-hash");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.UserId, Is.EqualTo(userId));
            Assert.That(token.TokenHash, Is.EqualTo("the-hash"));
        }
    }

    [Test]
    public void IssueForSession_Always_IsNotRevoked()
    {
        var token = TestData.IssueToken();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsRevoked, Is.False);
            Assert.That(token.WasRotated, Is.False);
            Assert.That(token.RevokedAt, Is.Null);
            Assert.That(token.RevocationReason, Is.Null);
            Assert.That(token.ReplacedByTokenId, Is.Null);
        }
    }

    [TestCase("")]
    [TestCase("  ")]
    public void IssueForSession_WithBlankHash_Throws(string tokenHash)
    {
        Assert.That(() => TestData.IssueToken(tokenHash: tokenHash), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void IssueForSession_WithNullHash_ThrowsArgumentNullException()
    {
        Assert.That(() => TestData.IssueToken(tokenHash: null!), Throws.ArgumentNullException);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void IssueForSession_WithNonPositiveLifetime_ThrowsArgumentOutOfRange(int seconds)
    {
        Assert.That(() => TestData.IssueToken(lifetime: TimeSpan.FromSeconds(seconds)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void IsExpired_OneTickBeforeExpiry_IsFalse()
    {
        var token = TestData.IssueToken();

        Assert.That(token.IsExpired(token.ExpiresAt.AddTicks(-1)), Is.False);
    }

    [Test]
    public void IsExpired_AtExpiry_IsTrue()
    {
        var token = TestData.IssueToken();

        Assert.That(token.IsExpired(token.ExpiresAt), Is.True);
    }

    [Test]
    public void IsActive_OneTickBeforeExpiry_IsTrue()
    {
        var token = TestData.IssueToken();

        Assert.That(token.IsActive(token.ExpiresAt.AddTicks(-1)), Is.True);
    }

    [Test]
    public void IsActive_AtExpiry_IsFalse()
    {
        var token = TestData.IssueToken();

        Assert.That(token.IsActive(token.ExpiresAt), Is.False);
    }

    [Test]
    public void IsActive_AfterRotation_IsFalse()
    {
        var token = TestData.IssueToken(now: TestData.Now);
        token.Rotate("successor-hash", TestData.Salt, TestData.Now.AddMinutes(1), TestData.RefreshTokenLifetime);

        Assert.That(token.IsActive(TestData.Now.AddMinutes(2)), Is.False);
    }

    [Test]
    public void Rotate_ActiveToken_RevokesItAsRotated()
    {
        var token = TestData.IssueToken(now: TestData.Now);
        var rotatedAt = TestData.Now.AddMinutes(10);

        token.Rotate("successor-hash", TestData.Salt, rotatedAt, TestData.RefreshTokenLifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.IsRevoked, Is.True);
            Assert.That(token.RevokedAt, Is.EqualTo(rotatedAt));
            Assert.That(token.RevocationReason, Is.EqualTo(RefreshTokenRevocation.Rotated));
            Assert.That(token.WasRotated, Is.True);
        }
    }

    [Test]
    public void Rotate_ActiveToken_PointsToItsSuccessor()
    {
        var token = TestData.IssueToken();

        var successor = token.Rotate("successor-hash", TestData.Salt, TestData.Now.AddMinutes(10), TestData.RefreshTokenLifetime);

        Assert.That(token.ReplacedByTokenId, Is.EqualTo(successor.Id));
    }

    [Test]
    public void Rotate_ActiveToken_SuccessorKeepsSessionAndUser()
    {
        var token = TestData.IssueToken();

        var successor = token.Rotate("successor-hash", TestData.Salt, TestData.Now.AddMinutes(10), TestData.RefreshTokenLifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.SessionId, Is.EqualTo(token.SessionId));
            Assert.That(successor.UserId, Is.EqualTo(token.UserId));
        }
    }

    [Test]
    public void Rotate_ActiveToken_SuccessorIsANewActiveTokenWithTheNewHash()
    {
        var token = TestData.IssueToken(tokenHash: "first-hash");
        var rotatedAt = TestData.Now.AddMinutes(10);
        var lifetime = TimeSpan.FromDays(3);

        var successor = token.Rotate("successor-hash", TestData.Salt, rotatedAt, lifetime);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.Id, Is.Not.EqualTo(token.Id));
            Assert.That(successor.TokenHash, Is.EqualTo("successor-hash"));
            Assert.That(successor.CreatedAt, Is.EqualTo(rotatedAt));
            Assert.That(successor.ExpiresAt, Is.EqualTo(rotatedAt + lifetime));
            Assert.That(successor.IsActive(rotatedAt), Is.True);
            Assert.That(successor.ReplacedByTokenId, Is.Null);
        }
    }

    [Test]
    public void Rotate_RevokedToken_ThrowsInvalidOperationException()
    {
        var token = TestData.IssueToken();
        token.Rotate("successor-hash", TestData.Salt, TestData.Now.AddMinutes(1), TestData.RefreshTokenLifetime);

        Assert.That(
            () => token.Rotate("another-hash", TestData.Salt, TestData.Now.AddMinutes(2), TestData.RefreshTokenLifetime),
            Throws.InvalidOperationException);
    }

    [Test]
    public void Rotate_RevokedToken_KeepsItsFirstSuccessor()
    {
        var token = TestData.IssueToken();
        var successor = token.Rotate("successor-hash", TestData.Salt, TestData.Now.AddMinutes(1), TestData.RefreshTokenLifetime);

        Assert.That(() => token.Rotate("another-hash", TestData.Salt, TestData.Now.AddMinutes(2), TestData.RefreshTokenLifetime), Throws.InvalidOperationException);
        Assert.That(token.ReplacedByTokenId, Is.EqualTo(successor.Id));
    }

    [Test]
    public void Rotate_ActiveToken_RecordsTheSuccessorSalt()
    {
        var token = TestData.IssueToken();

        token.Rotate("successor-hash", "the-salt", TestData.Now.AddMinutes(1), TestData.RefreshTokenLifetime);

        Assert.That(token.SuccessorSalt, Is.EqualTo("the-salt"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Rotate_WithBlankSalt_ThrowsAndLeavesTokenActive(string salt)
    {
        var token = TestData.IssueToken();
        var now = TestData.Now.AddMinutes(1);

        Assert.That(() => token.Rotate("successor-hash", salt, now, TestData.RefreshTokenLifetime), Throws.InstanceOf<ArgumentException>());
        Assert.That(token.IsActive(now), Is.True);
    }

    [Test]
    public void IsWithinReuseGrace_AtTheEndOfTheWindow_IsTrue()
    {
        var token = TestData.IssueToken();
        var rotatedAt = TestData.Now.AddMinutes(1);
        token.Rotate("successor-hash", TestData.Salt, rotatedAt, TestData.RefreshTokenLifetime);

        Assert.That(token.IsWithinReuseGrace(rotatedAt.AddSeconds(10), TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public void IsWithinReuseGrace_AfterTheWindow_IsFalse()
    {
        var token = TestData.IssueToken();
        var rotatedAt = TestData.Now.AddMinutes(1);
        token.Rotate("successor-hash", TestData.Salt, rotatedAt, TestData.RefreshTokenLifetime);

        Assert.That(token.IsWithinReuseGrace(rotatedAt.AddSeconds(10).AddTicks(1), TimeSpan.FromSeconds(10)), Is.False);
    }

    [Test]
    public void IsWithinReuseGrace_WithAZeroGrace_IsFalseEvenAtTheRotationInstant()
    {
        var token = TestData.IssueToken();
        var rotatedAt = TestData.Now.AddMinutes(1);
        token.Rotate("successor-hash", TestData.Salt, rotatedAt, TestData.RefreshTokenLifetime);

        Assert.That(token.IsWithinReuseGrace(rotatedAt.AddTicks(-1), TimeSpan.Zero), Is.False);
    }

    [Test]
    public void IsWithinReuseGrace_ForATokenNeverRotated_IsFalse()
    {
        var token = TestData.IssueToken();

        Assert.That(token.IsWithinReuseGrace(TestData.Now, TimeSpan.FromSeconds(10)), Is.False);
    }

    [Test]
    public void Rotate_AtExpiry_ThrowsInvalidOperationException()
    {
        var token = TestData.IssueToken();

        Assert.That(
            () => token.Rotate("successor-hash", TestData.Salt, token.ExpiresAt, TestData.RefreshTokenLifetime),
            Throws.InvalidOperationException);
    }

    [Test]
    public void Rotate_ExpiredToken_LeavesItUnrevoked()
    {
        var token = TestData.IssueToken();

        Assert.That(() => token.Rotate("successor-hash", TestData.Salt, token.ExpiresAt.AddDays(1), TestData.RefreshTokenLifetime), Throws.InvalidOperationException);
        Assert.That(token.IsRevoked, Is.False);
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Rotate_WithBlankSuccessorHash_ThrowsAndLeavesTokenActive(string successorHash)
    {
        var token = TestData.IssueToken();
        var now = TestData.Now.AddMinutes(1);

        Assert.That(() => token.Rotate(successorHash, TestData.Salt, now, TestData.RefreshTokenLifetime), Throws.InstanceOf<ArgumentException>());
        Assert.That(token.IsActive(now), Is.True);
    }

    [Test]
    public void Rotate_WithNonPositiveLifetime_ThrowsAndLeavesTokenActive()
    {
        var token = TestData.IssueToken();
        var now = TestData.Now.AddMinutes(1);

        Assert.That(() => token.Rotate("successor-hash", TestData.Salt, now, TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(token.IsActive(now), Is.True);
    }
}
