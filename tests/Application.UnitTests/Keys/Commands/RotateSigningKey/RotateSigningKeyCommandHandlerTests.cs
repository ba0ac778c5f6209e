using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Commands.RotateSigningKey;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Keys.Commands.RotateSigningKey;

public sealed class RotateSigningKeyCommandHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly SigningKeyInfo Key = new("kid-2", "ES256", Now, Now.AddHours(1), null, null);

    [Test]
    public async Task RotateSigningKey_WithStoredKeys_RotatesAtTheClocksTime()
    {
        var store = Store(managesKeys: true);
        store.Setup(s => s.RotateAsync(Now, It.IsAny<CancellationToken>())).ReturnsAsync(Key);

        var result = await new RotateSigningKeyCommandHandler(store.Object, new FakeTimeProvider(Now)).Handle(new RotateSigningKeyCommand(), CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo(Key));
    }

    [Test]
    public async Task RotateSigningKey_WithHs256_ReturnsSigningKeysNotManagedAndRotatesNothing()
    {
        var store = Store(managesKeys: false);

        var result = await new RotateSigningKeyCommandHandler(store.Object, new FakeTimeProvider(Now)).Handle(new RotateSigningKeyCommand(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.SigningKeysNotManaged));
        store.Verify(s => s.RotateAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static Mock<ISigningKeyStore> Store(bool managesKeys)
    {
        var store = new Mock<ISigningKeyStore>();
        store.SetupGet(s => s.ManagesKeys).Returns(managesKeys);
        return store;
    }
}
