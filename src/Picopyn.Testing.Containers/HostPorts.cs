using System.Net;
using System.Net.Sockets;

namespace Picopyn.Testing.Containers;

/// <summary>
/// Free loopback ports, chosen by the host rather than by Docker: a port Docker picks changes each time the container
/// rejoins its network (a healed partition), and the client must find the instance where it was.
/// </summary>
internal static class HostPorts
{
    public static int[] Allocate(int count)
    {
        // Held open together, so that the kernel hands out distinct ports.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
