using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Picopyn.Testing.Front;

/// <summary>
/// An emulated instance's pgproto address, answering as Picodata does in front of the instance's
/// PostgreSQL: it reads every statement with Picodata's grammar and has what Picodata refuses fail with
/// Picodata's error (<see cref="StatementGate"/>); it answers <c>SSLRequest</c> with <c>N</c> and drops
/// a CancelRequest, and it sends no BackendKeyData — Picodata has no cancel key. Everything else passes
/// through unchanged. The listener outlives the PostgreSQL behind it: while that is down, connections
/// are accepted and closed, as a port with nothing behind it resets them.
/// </summary>
internal sealed class PicodataFront : IAsyncDisposable
{
    private const int SslRequest = 80877103;
    private const int GssEncRequest = 80877104;
    private const int CancelRequest = 80877102;

    private readonly TcpListener _listener;
    private readonly Func<int> _backendPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly Task _accepting;

    private PicodataFront(TcpListener listener, Func<int> backendPort)
    {
        _listener = listener;
        _backendPort = backendPort;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts a front on a free loopback port for the PostgreSQL <paramref name="backendPort"/> names (asked at each connection).</summary>
    public static PicodataFront Start(Func<int> backendPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new PicodataFront(listener, backendPort);
    }

    /// <summary>Resets every open connection, as the death of the process behind them does.</summary>
    public void ResetConnections()
    {
        foreach (var socket in _sockets.Keys)
        {
            Close(socket, reset: true);
        }
    }

    /// <summary>Stops listening and resets every connection, without waiting (the cluster's synchronous teardown).</summary>
    public void Stop()
    {
        _stop.Cancel();
        _listener.Stop();
        ResetConnections();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        _sockets[client] = 0;
        var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, _backendPort(), _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return; // nothing behind the address: the client's connection is reset
            }

            _sockets[backend] = 0;
            var fromClient = new WireReader(client);
            if (!await StartupAsync(fromClient, client, backend).ConfigureAwait(false))
            {
                return;
            }

            // Either direction ending ends the session, as a server process's exit does.
            var up = ClientToBackendAsync(fromClient, backend);
            var down = BackendToClientAsync(new WireReader(backend), client);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A peer went away: the other side is closed below.
        }
        finally
        {
            Close(backend, reset: false);
            Close(client, reset: false);
        }
    }

    // The startup phase: SSL and GSS requests answered 'N' here, a cancel request dropped, the startup message passed on.
    private async Task<bool> StartupAsync(WireReader fromClient, Socket client, Socket backend)
    {
        while (true)
        {
            var message = await fromClient.ReadUntypedAsync(_stop.Token).ConfigureAwait(false);
            if (message is null || message.Length < 8)
            {
                return false;
            }

            var code = BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(4));
            if (code is SslRequest or GssEncRequest)
            {
                await client.SendAsync("N"u8.ToArray(), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                continue;
            }

            if (code == CancelRequest)
            {
                return false; // Picodata has no cancel key to match
            }

            await backend.SendAsync(message, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            return true;
        }
    }

    private async Task ClientToBackendAsync(WireReader fromClient, Socket backend)
    {
        var pending = new List<byte[]>();
        while (true)
        {
            var message = await fromClient.ReadTypedAsync(_stop.Token).ConfigureAwait(false);
            if (message is null)
            {
                return;
            }

            pending.Add(message[0] switch
            {
                (byte)'Q' => StatementGate.Query(message),
                (byte)'P' => StatementGate.Parse(message),
                _ => message,
            });

            // Written out when the client pauses: a pipelined batch goes on as one write.
            if (!fromClient.HasBuffered || message[0] == (byte)'X')
            {
                await SendAllAsync(backend, pending).ConfigureAwait(false);
                pending.Clear();
            }

            if (message[0] == (byte)'X')
            {
                return;
            }
        }
    }

    private async Task BackendToClientAsync(WireReader fromBackend, Socket client)
    {
        // Until the first ReadyForQuery the messages are read, to leave BackendKeyData out; then relayed as they come.
        var pending = new List<byte[]>();
        while (true)
        {
            var message = await fromBackend.ReadTypedAsync(_stop.Token).ConfigureAwait(false);
            if (message is null)
            {
                return;
            }

            if (message[0] != (byte)'K')
            {
                pending.Add(message);
            }

            if (message[0] == (byte)'Z' || !fromBackend.HasBuffered)
            {
                await SendAllAsync(client, pending).ConfigureAwait(false);
                pending.Clear();
            }

            if (message[0] == (byte)'Z')
            {
                break;
            }
        }

        while (true)
        {
            var bytes = await fromBackend.ReadAnyAsync(_stop.Token).ConfigureAwait(false);
            if (bytes.Count == 0)
            {
                return;
            }

            await client.SendAsync(bytes, SocketFlags.None, _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task SendAllAsync(Socket socket, List<byte[]> messages)
    {
        if (messages.Count == 1)
        {
            await socket.SendAsync(messages[0], SocketFlags.None, _stop.Token).ConfigureAwait(false);
            return;
        }

        if (messages.Count > 1)
        {
            await socket.SendAsync(messages.Select(m => new ArraySegment<byte>(m)).ToList(), SocketFlags.None).ConfigureAwait(false);
        }
    }

    private void Close(Socket socket, bool reset)
    {
        if (!_sockets.TryRemove(socket, out _) && !reset)
        {
            socket.Dispose();
            return;
        }

        try
        {
            if (reset)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
