using System.Net;
using System.Net.Sockets;

namespace AuthFlow.WebApi.RateLimiting;

internal static class ClientAddress
{
    /// <summary>The IPv6 prefix one subscriber usually gets; a client can rotate freely within it.</summary>
    public const int Ipv6PrefixLength = 64;

    /// <summary>
    /// The rate-limit partition of the peer: its IPv4 address, or the /64 network of its IPv6 address (a client owns
    /// a whole /64, so one partition per address would let it rotate past every per-IP limit). An IPv4-mapped IPv6
    /// address counts as its IPv4 address. The peer is the <c>X-Forwarded-For</c> client only when a trusted proxy is
    /// configured (<c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>), since the middleware rewrites it then.
    /// </summary>
    public static string Of(HttpContext context) => PartitionOf(context.Connection.RemoteIpAddress);

    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixLength / 8, bytes.Length - (Ipv6PrefixLength / 8));
        return $"{new IPAddress(bytes)}/{Ipv6PrefixLength}";
    }
}
