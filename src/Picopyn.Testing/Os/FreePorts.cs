using System.Net;
using System.Net.Sockets;

namespace Picopyn.Testing.Os;

/// <summary>Finds TCP ports on the loopback interface that nothing listens on.</summary>
internal static class FreePorts
{
    /// <summary>
    /// Asks the kernel for <paramref name="count"/> distinct free ports. All listeners are held
    /// until every port is chosen, so the same call never returns a port twice; another process
    /// may still take one before PostgreSQL binds it, which the server start retries.
    /// </summary>
    public static IReadOnlyList<int> Allocate(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
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
