using AuthFlow.Application.Common.Errors;
using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Queries.ListSigningKeys;
using Moq;

namespace AuthFlow.Application.UnitTests.Keys.Queries.ListSigningKeys;

public sealed class ListSigningKeysQueryHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly SigningKeyInfo Key = new("kid-2", "ES256", Now, Now.AddHours(1), null, null);

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

    private static Mock<ISigningKeyStore> Store(bool managesKeys)
    {
        var store = new Mock<ISigningKeyStore>();
        store.SetupGet(s => s.ManagesKeys).Returns(managesKeys);
        return store;
    }
}
