using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Front.Blocks;
using Picopyn.Testing.Front.Routing;

namespace Picopyn.Testing.Front;

/// <summary>
/// One client connection to a <see cref="PicodataFront"/> and the instance connection behind it: the
/// startup is read and answered here (SSL accepted when the instance has a certificate — and then required, as
/// Picodata requires it — else declined; GSS declined; a cancel request dropped; the StartupMessage rewritten), then one pump per direction relays whole messages as they arrive, in one
/// write per receive, changing only what <see cref="StatementGate"/>, the session's <see cref="SessionRouter"/>
/// and <see cref="ResponseRewriter"/> change.
/// </summary>
internal sealed class FrontSession : IDisposable
{
    private const int SslRequest = 80877103;
    private const int GssEncRequest = 80877104;
    private const int CancelRequest = 80877102;
    private static readonly byte[] Declined = "N"u8.ToArray();
    private static readonly byte[] Accepted = "S"u8.ToArray();

    private readonly Socket _client;
    private readonly Socket _backend = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly FrontServices _services;
    private readonly BlockFunctions _blocks;
    private readonly WireFaults _faults;
    private readonly SessionRouter _router;
    private readonly WireCapture? _capture;
    private Stream _clientStream;
    private string? _clientCertificate;
    private NetworkStream? _backendStream;
    private int _closed;

    /// <param name="client">The accepted client connection.</param>
    /// <param name="services">What the session needs of the cluster and instance.</param>
    /// <param name="blocks">The instance's block functions.</param>
    /// <param name="faults">The faults on the instance's wire.</param>
    public FrontSession(Socket client, FrontServices services, BlockFunctions blocks, WireFaults faults)
    {
        _faults = faults;
        _client = client;
        _client.NoDelay = true;
        Stream network = new NetworkStream(client, ownsSocket: false);
        _capture = services.CaptureClientBytes ? new WireCapture() : null;
        _clientStream = _capture is null ? network : new CapturingStream(network, _capture);
        _services = services;
        _blocks = blocks;
        _router = new SessionRouter(services);
    }

    /// <summary>Serves the session until either side ends it; never throws.</summary>
    public async Task RunAsync(int backendPort, CancellationToken cancellationToken)
    {
        try
        {
            // A frozen machine takes the connection (its kernel does) and answers nothing.
            await _faults.WhileFrozenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _backend.ConnectAsync(IPAddress.Loopback, backendPort, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return; // nothing behind the address: the client's connection is reset
            }

            _backendStream = new NetworkStream(_backend, ownsSocket: false);

            var fromClient = new ReceiveBuffer();
            if (!await StartupAsync(fromClient, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // Either direction ending ends the session, as a server process's exit does: closing both
            // connections ends the other pump.
            var up = RelayRequestsAsync(fromClient, cancellationToken);
            var down = RelayResponsesAsync(cancellationToken);
            await Task.WhenAny(up, down).ConfigureAwait(false);
            Close(reset: false);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            // A peer went away: both are closed below.
        }
        finally
        {
            Close(reset: false);
        }
    }

    /// <summary>Closes both connections.</summary>
    public void Dispose() => Close(reset: false);

    /// <summary>Closes both connections; with <paramref name="reset"/>, as a dead process's are (RST, no FIN).</summary>
    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1 && !reset)
        {
            return;
        }

        foreach (var socket in new[] { _client, _backend })
        {
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

    private static bool IsPeerGone(Exception e) =>
        e is SocketException or OperationCanceledException or ObjectDisposedException or IOException or AuthenticationException;

    // An SSL request is accepted when the instance has a certificate (and then a plaintext startup is refused, as
    // Picodata refuses it), else declined; a GSS request is declined, a cancel request dropped, the StartupMessage
    // rewritten and passed on.
    private async Task<bool> StartupAsync(ReceiveBuffer fromClient, CancellationToken cancellationToken)
    {
        var encrypted = false;
        while (true)
        {
            int length;
            while ((length = ReceiveBuffer.MessageLength(fromClient.Pending.Span, typed: false)) == 0)
            {
                if (!await fromClient.ReceiveAsync(_clientStream, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            if (length < 8)
            {
                return false;
            }

            var message = fromClient.Pending[..length];
            var code = BinaryPrimitives.ReadInt32BigEndian(message.Span[4..]);
            if (code == SslRequest && _services.Tls is { } serverTls && !encrypted)
            {
                fromClient.Consume(length);
                await _clientStream.WriteAsync(Accepted, cancellationToken).ConfigureAwait(false);
                var tls = new SslStream(_clientStream, leaveInnerStreamOpen: false);
                _clientStream = tls;
                await tls.AuthenticateAsServerAsync(serverTls.ServerOptions(), cancellationToken).ConfigureAwait(false);
                _clientCertificate = tls.RemoteCertificate?.Subject;
                encrypted = true;
                continue;
            }

            if (code is SslRequest or GssEncRequest)
            {
                fromClient.Consume(length);
                await _clientStream.WriteAsync(Declined, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (code == CancelRequest)
            {
                return false; // Picodata has no cancel key to match
            }

            var parameters = StartupMessage.Read(message.Span);
            if (_services.Tls is not null && !encrypted)
            {
                // Picodata's src/pgproto/client/startup.rs: PgError::SslRequired, SQLSTATE 28000.
                _services.SessionStarted?.Invoke(new InstanceSession(User(parameters), Encrypted: false, RefusedForPlaintext: true) { Capture = _capture });
                await _clientStream.WriteAsync(WireMessages.FatalError("28000", "this server requires the client to use ssl"), cancellationToken).ConfigureAwait(false);
                return false;
            }

            _services.SessionStarted?.Invoke(new InstanceSession(User(parameters), encrypted, RefusedForPlaintext: false, _clientCertificate) { Capture = _capture });
            var startup = parameters.ForInstance(_services.Database);
            fromClient.Consume(length);
            await _backendStream!.WriteAsync(startup, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private static string? User(StartupMessage startup) =>
        startup.Parameters.FirstOrDefault(p => p.Key == "user").Value;

    // Requests wait out a freeze (nothing runs on a stopped machine), not the latency, which is the answers'.
    private ValueTask RequestsWaitAsync(CancellationToken cancellationToken) => new(_faults.WhileFrozenAsync(cancellationToken));

    private async Task RelayRequestsAsync(ReceiveBuffer fromClient, CancellationToken cancellationToken)
    {
        var relay = new Relay(_backendStream!, fromClient, _router.Rewrite, RequestsWaitAsync, RunDeferredAsync);

        // What arrived with the StartupMessage (a pipelining client) goes first.
        while (!await relay.RelayPendingAsync(stopAfter: WireMessages.Terminate, cancellationToken).ConfigureAwait(false))
        {
            if (!await fromClient.ReceiveAsync(_clientStream, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task RelayResponsesAsync(CancellationToken cancellationToken)
    {
        var fromBackend = new ReceiveBuffer();
        var relay = new Relay(_clientStream, fromBackend, new ResponseRewriter(_router).Rewrite, _faults.BeforeAnswerAsync);
        while (await fromBackend.ReceiveAsync(_backendStream!, cancellationToken).ConfigureAwait(false))
        {
            await relay.RelayPendingAsync(stopAfter: null, cancellationToken).ConfigureAwait(false);
        }
    }

    // DDL runs on the cluster when its message arrives (a Parse: before its Execute, as nothing else
    // can come between on this session); the instance then answers with Picodata's tag or error. A block
    // is made into its function on the instance, which the session then calls.
    private async Task RunDeferredAsync(ReadOnlyMemory<byte> message, ArrayBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var sql = StatementGate.StatementOf(message.Span);
        var decision = StatementGate.Decide(sql);
        try
        {
            if (decision.IsBlock)
            {
                var function = await _blocks.GetAsync(sql, StatementGate.DeclaredTypes(message.Span), cancellationToken).ConfigureAwait(false);
                decision = decision with { Substitute = function.CallSql, KeepsParameterTypes = true };
            }
            else
            {
                await _services.RunDdl(sql, cancellationToken).ConfigureAwait(false);
                decision = StatementGate.Completing(sql, decision.DdlTag!);
            }
        }
        catch (PostgresException failed)
        {
            decision = StatementGate.Refusing(sql, failed.MessageText);
        }
        catch (PicodataDdlRefusedException refused)
        {
            decision = StatementGate.Refusing(sql, refused.Reason);
        }
        catch (Exception e) when (e is EmulatedClusterException or ObjectDisposedException)
        {
            decision = StatementGate.Refusing(sql, "the emulated cluster could not run it: " + e.Message);
        }

        StatementGate.WriteInPlaceOf(message.Span, decision, output);
    }
}
