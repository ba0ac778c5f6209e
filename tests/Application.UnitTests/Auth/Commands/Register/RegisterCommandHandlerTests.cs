using AuthFlow.Application.Auth.Commands.Register;
using AuthFlow.Application.Auth.Common;
using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Auth.Commands.Register;

[TestFixture]
public sealed class RegisterCommandHandlerTests
{
    private Mock<IUserRepository> _users = null!;
    private Mock<IPasswordHasher> _passwordHasher = null!;
    private FakePasswordHashingGate _gate = null!;
    private Mock<IUserTokenRepository> _userTokens = null!;
    private Mock<IAccountEmails> _emails = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _users = new Mock<IUserRepository>();
        _users.Setup(u => u.IsEmailTakenAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _passwordHasher = new Mock<IPasswordHasher>();
        _passwordHasher.Setup(h => h.Hash(It.IsAny<string>())).Returns((string password) => "bcrypt:" + password);
        _gate = new FakePasswordHashingGate();
        _userTokens = new Mock<IUserTokenRepository>();
        _emails = new Mock<IAccountEmails>();
        _clock = TestData.CreateClock();
    }

    [Test]
    public async Task Register_WithNewEmail_QueuesAVerificationEmailWithTheToken()
    {
        User? stored = null;
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()))
            .Callback((User user, CancellationToken _) => stored = user)
            .ReturnsAsync(true);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _emails.Verify(e => e.QueueEmailVerification(stored!, "new-one-time-token"), Times.Once);
        _userTokens.Verify(t => t.Add(It.Is<UserToken>(token =>
            token.UserId == stored!.Id
            && token.Purpose == UserTokenPurpose.EmailVerification
            && token.TokenHash == "hash:new-one-time-token"
            && token.ExpiresAt == TestData.Now + TestData.VerificationTokenLifetime)), Times.Once);
    }

    [Test]
    public async Task Register_WithNewEmail_HasNoEarlierTokensToRetire()
    {
        await CreateHandler().Handle(Command(), CancellationToken.None);

        _userTokens.Verify(t => t.SupersedeUnusedAsync(It.IsAny<Guid>(), It.IsAny<UserTokenPurpose>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Register_WithNewEmail_QueuesTheEmailBeforeTheAccountIsStored()
    {
        var order = new List<string>();
        _emails.Setup(e => e.QueueEmailVerification(It.IsAny<User>(), It.IsAny<string>())).Callback(() => order.Add("email"));
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).Callback(() => order.Add("store")).ReturnsAsync(true);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(order, Is.EqualTo(new[] { "email", "store" }), "one save stores the account, its token and its email together");
    }

    [Test]
    public async Task Register_WithNewEmail_ReturnsTheMappedUser()
    {
        var result = await CreateHandler().Handle(Command(username: " alice ", email: " Alice@Example.com "), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.Id.Version, Is.EqualTo(7));
            Assert.That(result.Value.Username, Is.EqualTo("alice"));
            Assert.That(result.Value.Email, Is.EqualTo("Alice@Example.com"));
            Assert.That(result.Value.CreatedAt, Is.EqualTo(TestData.Now));
        }
    }

    [Test]
    public async Task Register_WithNewEmail_StoresTheUserWithTheHashedPassword()
    {
        User? stored = null;
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()))
            .Callback((User user, CancellationToken _) => stored = user)
            .ReturnsAsync(true);

        var result = await CreateHandler().Handle(Command(password: "a long enough password"), CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.PasswordHash, Is.EqualTo("bcrypt:a long enough password"));
            Assert.That(stored.NormalizedEmail, Is.EqualTo("alice@example.com"));
            Assert.That(stored.Id, Is.EqualTo(result.Value.Id));
        }
    }

    [Test]
    public async Task Register_WithNewEmail_HashesThePasswordOnce()
    {
        await CreateHandler().Handle(Command(password: "a long enough password"), CancellationToken.None);

        _passwordHasher.Verify(h => h.Hash("a long enough password"), Times.Once);
    }

    [Test]
    public async Task Register_Always_ChecksTheNormalizedEmail()
    {
        await CreateHandler().Handle(Command(email: "  Alice@Example.COM "), CancellationToken.None);

        _users.Verify(u => u.IsEmailTakenAsync("alice@example.com", "alice@example.com", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Register_Always_ChecksTheEmailsLookAlikeSkeletonAndStoresIt()
    {
        User? added = null;
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).Callback((User user, CancellationToken _) => added = user).ReturnsAsync(true);

        await CreateHandler().Handle(Command(email: "  Alice@Example.COM "), CancellationToken.None);

        _users.Verify(u => u.IsEmailTakenAsync(It.IsAny<string>(), "alice@example.com", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(added?.EmailSkeleton, Is.EqualTo("alice@example.com"));
    }

    [Test]
    public async Task Register_WithTakenEmail_ReturnsEmailTaken()
    {
        _users.Setup(u => u.IsEmailTakenAsync("alice@example.com", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await CreateHandler().Handle(Command(email: "ALICE@example.com"), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.EmailTaken));
    }

    [Test]
    public async Task Register_WithTakenEmail_NeitherHashesNorInserts()
    {
        _users.Setup(u => u.IsEmailTakenAsync("alice@example.com", It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await CreateHandler().Handle(Command(), CancellationToken.None);

        _passwordHasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
        _users.Verify(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Register_WhenAConcurrentRegistrationTakesTheEmail_ReturnsEmailTaken()
    {
        _users.Setup(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.EmailTaken));
    }

    [Test]
    public async Task Register_Always_PassesTheCancellationTokenOn()
    {
        using var cancellation = new CancellationTokenSource();

        await CreateHandler().Handle(Command(), cancellation.Token);

        _users.Verify(u => u.IsEmailTakenAsync(It.IsAny<string>(), It.IsAny<string>(), cancellation.Token), Times.Once);
        _users.Verify(u => u.TryAddAsync(It.IsAny<User>(), cancellation.Token), Times.Once);
    }

    [Test]
    public async Task Register_WhenTheHashingGateIsFull_ReturnsBusyAndStoresNothing()
    {
        _gate.IsOpen = false;

        var result = await CreateHandler().Handle(Command(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.Busy));
        _passwordHasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never);
        _users.Verify(u => u.TryAddAsync(It.IsAny<User>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Register_Always_HashesWhileHoldingAPermitAndReleasesIt()
    {
        var heldDuringHashing = -1;
        _passwordHasher.Setup(h => h.Hash(It.IsAny<string>())).Callback(() => heldDuringHashing = _gate.PermitsHeld).Returns("hash");

        await CreateHandler().Handle(Command(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(heldDuringHashing, Is.EqualTo(1));
            Assert.That(_gate.PermitsHeld, Is.Zero);
        }
    }

    private static RegisterCommand Command(
        string username = "alice",
        string email = "alice@example.com",
        string password = TestData.Password) =>
        new(username, email, password);

    private RegisterCommandHandler CreateHandler() =>
        new(
            _users.Object,
            _passwordHasher.Object,
            _gate,
            new PlainConfusableSkeleton(),
            new OneTimeTokens(_userTokens.Object, TestData.CreateUserTokenService().Object, _users.Object),
            _emails.Object,
            TestData.AuditLog(),
            _clock,
            TestData.CreateMapper());
}
