using System.Net;
using AuthFlow.WebApi.Http;
using Microsoft.AspNetCore.Http;

namespace AuthFlow.WebApi.IntegrationTests.Http;

public sealed class HttpContextExtensionsTests
{
    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8::1", "2001:db8::1")]
    public void GetClientIpAddress_GivesThePeerAddressWithIPv4Unmapped(string remote, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.That(context.GetClientIpAddress(), Is.EqualTo(expected));
    }

    [Test]
    public void GetClientIpAddress_WithoutAPeerAddress_IsNull()
    {
        Assert.That(new DefaultHttpContext().GetClientIpAddress(), Is.Null);
    }

    [Test]
    public void GetUserAgent_WithoutTheHeader_IsNull()
    {
        Assert.That(new DefaultHttpContext().GetUserAgent(), Is.Null);
    }

    [Test]
    public void GetUserAgent_WithTheHeader_GivesItsValue()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.UserAgent = "curl/8.5.0";

        Assert.That(context.GetUserAgent(), Is.EqualTo("curl/8.5.0"));
    }
}
