using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Picopyn.Testing.Containers;

/// <summary>
/// Free loopback ports, chosen by the host rather than by Docker: a port Docker picks changes each time the container
/// rejoins its network (a healed partition), and the client must find the instance where it was.
/// </summary>
/// <remarks>
/// They are drawn below the kernel's ephemeral range (32768 and up on Linux): a port from that range can be taken
/// between its choice and the container's start by any outgoing connection's source port — a client under load
/// opens hundreds.
/// </remarks>
internal static class HostPorts
{
    private const int First = 20000;
    private const int Last = 32000;

    public static int[] Allocate(int count)
    {
        var ports = new HashSet<int>();
        for (var attempt = 0; ports.Count < count; attempt++)
        {
            if (attempt > 1000)
            {
                throw new PicodataContainerException($"No {count} free loopback ports between {First} and {Last}.");
            }

            var port = RandomNumberGenerator.GetInt32(First, Last);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
