using System.Net;
using AuthFlow.WebApi.RateLimiting;

namespace AuthFlow.WebApi.IntegrationTests.RateLimiting;

public sealed class ClientAddressTests
{
    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2:abcd:ef01:2345:6789", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [TestCase("::1", "::/64")]
    public void PartitionOf_GivesIpv4AsItIsAndIpv6ByItsSlash64(string address, string partition)
    {
        Assert.That(ClientAddress.PartitionOf(IPAddress.Parse(address)), Is.EqualTo(partition));
    }

    [Test]
    public void PartitionOf_WithoutAnAddress_IsUnknown()
    {
        Assert.That(ClientAddress.PartitionOf(null), Is.EqualTo("unknown"));
    }
}
