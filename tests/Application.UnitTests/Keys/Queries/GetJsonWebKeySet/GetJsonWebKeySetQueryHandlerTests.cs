using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Queries.GetJsonWebKeySet;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AuthFlow.Application.UnitTests.Keys.Queries.GetJsonWebKeySet;

public sealed class GetJsonWebKeySetQueryHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task GetJsonWebKeySet_AsksForTheKeysPublishedAtTheClocksTime()
    {
        var jwk = new PublicJsonWebKey("EC", "kid-1", "ES256", "P-256", "x", "y", null, null);
        var keys = new Mock<IPublishedKeys>();
        keys.Setup(k => k.GetPublishedKeys(Now)).Returns([jwk]);

        var result = await new GetJsonWebKeySetQueryHandler(keys.Object, new FakeTimeProvider(Now)).Handle(new GetJsonWebKeySetQuery(), CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo(new[] { jwk }));
    }
}
