using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Commands.RotateSigningKey;
using AuthFlow.Application.Keys.Queries.GetDiscoveryDocument;
using AuthFlow.Application.Keys.Queries.GetJsonWebKeySet;
using AuthFlow.Application.Keys.Queries.ListSigningKeys;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Keys;

public sealed class SigningKeyUseCaseTests
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

    [Test]
    public async Task ListSigningKeys_WithHs256_ReturnsSigningKeysNotManaged()
    {
        var result = await new ListSigningKeysQueryHandler(Store(managesKeys: false).Object).Handle(new ListSigningKeysQuery(), CancellationToken.None);

        Assert.That(result.Error, Is.EqualTo(AuthErrors.SigningKeysNotManaged));
    }

    [Test]
    public async Task ListSigningKeys_ReturnsTheStoredKeys()
    {
        var store = Store(managesKeys: true);
        store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Key]);

        var result = await new ListSigningKeysQueryHandler(store.Object).Handle(new ListSigningKeysQuery(), CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo(new[] { Key }));
    }

    [Test]
    public async Task GetJsonWebKeySet_AsksForTheKeysPublishedAtTheClocksTime()
    {
        var jwk = new PublicJsonWebKey("EC", "kid-1", "ES256", "P-256", "x", "y", null, null);
        var keys = new Mock<IPublishedKeys>();
        keys.Setup(k => k.GetPublishedKeys(Now)).Returns([jwk]);

        var result = await new GetJsonWebKeySetQueryHandler(keys.Object, new FakeTimeProvider(Now)).Handle(new GetJsonWebKeySetQuery(), CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo(new[] { jwk }));
    }

    [Test]
    public async Task GetDiscoveryDocument_NamesTheIssuerAndTheOneAlgorithm()
    {
        var keys = new Mock<IPublishedKeys>();
        keys.SetupGet(k => k.Issuer).Returns("https://auth.example");
        keys.SetupGet(k => k.Algorithm).Returns("ES256");

        var result = await new GetDiscoveryDocumentQueryHandler(keys.Object).Handle(new GetDiscoveryDocumentQuery(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Value.Issuer, Is.EqualTo("https://auth.example"));
            Assert.That(result.Value.SigningAlgorithms, Is.EqualTo(new[] { "ES256" }));
        }
    }

    private static Mock<ISigningKeyStore> Store(bool managesKeys)
    {
        var store = new Mock<ISigningKeyStore>();
        store.SetupGet(s => s.ManagesKeys).Returns(managesKeys);
        return store;
    }
}
