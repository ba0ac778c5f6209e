using AuthFlow.Application.Common.Interfaces;
using AuthFlow.Application.Keys.Queries.GetDiscoveryDocument;
using Moq;

namespace AuthFlow.Application.UnitTests.Keys.Queries.GetDiscoveryDocument;

public sealed class GetDiscoveryDocumentQueryHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

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
}
