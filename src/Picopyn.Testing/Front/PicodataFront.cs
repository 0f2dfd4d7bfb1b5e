using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Picopyn.Testing.Front.Blocks;

namespace Picopyn.Testing.Front;

/// <summary>
/// An emulated instance's pgproto address, answering as Picodata does in front of the instance's
/// PostgreSQL (<see cref="FrontSession"/>: Picodata's grammar, errors and session model). Its port is
/// fixed for the life of the instance; the cluster stops and resumes listening on it as the instance
/// is killed, stopped and started, so a dead instance's address refuses connections as a dead
/// process's would.
/// </summary>
internal sealed class PicodataFront : IAsyncDisposable
{
    private readonly Func<int> _backendPort;
    private readonly FrontServices _services;
    private readonly BlockFunctions _blocks;
    private readonly WireFaults _faults = new();
    private readonly ConcurrentDictionary<FrontSession, byte> _sessions = new();
    private readonly ConcurrentQueue<Exception> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    private readonly IPAddress _address;

    private PicodataFront(IPEndPoint endpoint, Func<int> backendPort, FrontServices services)
    {
        _address = endpoint.Address;
        Port = endpoint.Port;
        _backendPort = backendPort;
        _services = services;
        _blocks = new BlockFunctions(services);
    }

    /// <summary>The port clients connect to (on loopback, unless the front was started on another address).</summary>
    public int Port { get; }

    /// <summary>Whether new connections are accepted.</summary>
    public bool IsListening
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>The faults a test puts on this instance's wire (latency, freeze).</summary>
    public WireFaults Faults => _faults;

    /// <summary>What went wrong in the front itself (not a peer going away) — a fault of the emulation, for tests to assert none.</summary>
    public IReadOnlyCollection<Exception> Failures => _failures.ToArray();

    /// <summary>
    /// Starts a front for the PostgreSQL that <paramref name="backendPort"/> names (asked at each connection), served
    /// by <paramref name="services"/>, on <paramref name="listenOn"/> — a free loopback port when <see langword="null"/>
    /// (an emulated image's instance listens on all addresses at Picodata's port instead).
    /// </summary>
    public static PicodataFront Start(Func<int> backendPort, FrontServices services, IPEndPoint? listenOn = null)
    {
        var listener = new TcpListener(listenOn ?? new IPEndPoint(IPAddress.Loopback, 0));
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var front = new PicodataFront((IPEndPoint)listener.LocalEndpoint, backendPort, services);
        front.Listen(listener);
        return front;
    }

    /// <summary>Listens again on <see cref="Port"/> (the instance started); does nothing when listening.</summary>
    public void Listen()
    {
        lock (_gate)
        {
            if (_listener is not null || _stop.IsCancellationRequested)
            {
                return;
            }

            var listener = new TcpListener(_address, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Listen(listener);
        }
    }

    /// <summary>Stops accepting: new connections are refused; open ones are left as they are.</summary>
    public void StopListening()
    {
        TcpListener? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Stop();
    }

    /// <summary>Resets every open connection, as the death of the process behind them does.</summary>
    public void ResetConnections()
    {
        foreach (var session in _sessions.Keys)
        {
            session.Close(reset: true);
        }
    }

    /// <summary>Stops listening and resets every connection, without waiting (the cluster's synchronous teardown).</summary>
    public void Stop()
    {
        _stop.Cancel();
        StopListening();
        ResetConnections();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Listen(TcpListener listener)
    {
        lock (_gate)
        {
            _listener = listener;
            _accepting = AcceptAsync(listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped listening
            }

            var session = new FrontSession(client, _services, _blocks, _faults);
            _sessions[session] = 0;
            _ = ServeAsync(session);
        }
    }

    private async Task ServeAsync(FrontSession session)
    {
        await Task.Yield(); // the accept loop goes on at once
        try
        {
            await session.RunAsync(_backendPort(), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _failures.Enqueue(e);
            session.Close(reset: true);
        }
        finally
        {
            _sessions.TryRemove(session, out _);
        }
    }
}
