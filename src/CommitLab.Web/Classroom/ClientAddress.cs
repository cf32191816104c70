using System.Net;
using System.Net.Sockets;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Who a client is, for the limits that count per client: its IPv4 address, or the /64 network of
/// its IPv6 address. One IPv6 host is usually given a whole /64 (2^64 addresses), so counting
/// single IPv6 addresses would let one machine step around every limit; a /64 is what one home
/// or one lecture hall's network gets, as one IPv4 address behind a NAT is.
/// </summary>
public static class ClientAddress
{
    public static string Key(string? client)
    {
        if (string.IsNullOrEmpty(client) || !IPAddress.TryParse(client, out var address))
        {
            return string.IsNullOrEmpty(client) ? "unknown" : client.Length > 64 ? client[..64] : client;
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
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
