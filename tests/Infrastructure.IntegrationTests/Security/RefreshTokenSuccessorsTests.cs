using AuthFlow.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AuthFlow.Infrastructure.IntegrationTests.Security;

public sealed class RefreshTokenSuccessorsTests
{
    private const string Presented = "_DalibDzSd9W77mmtVbFkRr-yjkSWtzbPlWTyBN48ps";

    private static IRefreshTokenSuccessors Successors => TestHost.Services.GetRequiredService<IRefreshTokenSuccessors>();

    private static ITokenService TokenService => TestHost.Services.GetRequiredService<ITokenService>();

    [Test]
    public void Create_Always_GivesARefreshTokenShapedValueWhoseHashIsStored()
    {
        var successor = Successors.Create(Presented);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(successor.Value, Has.Length.EqualTo(43).And.Match("^[A-Za-z0-9_-]+$"));
            Assert.That(successor.Hash, Is.EqualTo(TokenService.HashRefreshToken(successor.Value)));
            Assert.That(successor.Salt, Has.Length.EqualTo(43));
        }
    }

    [Test]
    public void Create_TwiceForOneToken_UsesFreshSalts()
    {
        var first = Successors.Create(Presented);
        var second = Successors.Create(Presented);

        Assert.That(second.Salt, Is.Not.EqualTo(first.Salt));
        Assert.That(second.Value, Is.Not.EqualTo(first.Value));
    }

    [Test]
    public void Recreate_WithTheSameTokenAndSalt_GivesTheSameSuccessor()
    {
        var created = Successors.Create(Presented);

        var recreated = Successors.Recreate(Presented, created.Salt);

        Assert.That(recreated, Is.EqualTo(created));
    }

    [Test]
    public void Recreate_WithAnotherToken_GivesAnotherSuccessor()
    {
        var created = Successors.Create(Presented);

        var recreated = Successors.Recreate(Presented + "x", created.Salt);

        Assert.That(recreated.Hash, Is.Not.EqualTo(created.Hash));
    }
}
