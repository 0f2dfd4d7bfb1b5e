using Picopyn.Testing.Front;
using Picopyn.Testing.Emulation;

namespace Picopyn.Testing;

/// <content>The faults at an instance's wire, which its Picodata front puts there: latency, freeze and thaw, dropped and refused connections.</content>
public sealed partial class EmulatedPicodataCluster
{
    /// <inheritdoc />
    /// <remarks>At the instance's Picodata front; an emulated cluster without one (<see cref="EmulatedClusterOptions.PicodataFront"/> off) has no wire to slow.</remarks>
    public Task SetLatencyAsync(string name, TimeSpan latency, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return OnWireAsync(name, "add latency to", front => front.Faults.Latency = latency, cancellationToken);
    }

    /// <inheritdoc />
    public Task FreezeInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        OnWireAsync(name, "freeze", front => front.Faults.Freeze(), cancellationToken);

    /// <inheritdoc />
    public Task ThawInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        OnWireAsync(name, "thaw", front => front.Faults.Thaw(), cancellationToken);

    /// <inheritdoc />
    public Task DropConnectionsAsync(string name, CancellationToken cancellationToken = default) =>
        OnWireAsync(name, "drop the connections of", front => front.ResetConnections(), cancellationToken);

    /// <inheritdoc />
    public Task SetRefusingConnectionsAsync(string name, bool refusing, CancellationToken cancellationToken = default) =>
        OnWireAsync(name, "refuse connections to", front =>
        {
            if (refusing)
            {
                front.StopListening();
            }
            else
            {
                front.Listen();
            }
        }, cancellationToken);

    private Task OnWireAsync(string name, string operation, Action<PicodataFront> fault, CancellationToken cancellationToken) =>
        ExclusiveAsync(() =>
        {
            var front = RequireRunning(name, operation).Front ?? throw new EmulatedClusterException(
                $"Cannot {operation} instance '{name}': the cluster runs without its Picodata front (EmulatedClusterOptions.PicodataFront), which is where the wire is.");
            fault(front);
            return Task.CompletedTask;
        }, cancellationToken);

    // What an instance's Picodata front needs of the cluster, or no front (EmulatedClusterOptions.PicodataFront).
    private Func<EmulatedInstance, FrontServices>? FrontFor => _options.PicodataFront
        ? instance => new FrontServices(
            Database,
            InstanceSchema.ApplicationRole,
            RunDdlAsync,
            cancellationToken => instance.Server.OpenSuperuserConnectionAsync(Database, cancellationToken),
            instance.RaftId,
            () => _shards,
            IsRunning,
            instance.Counters,
            _authority is { } authority
                ? new FrontTls(
                    authority.IssueServerCertificate(instance.Name, _options.TlsCertificateNames?.Invoke(instance.Name) ?? ["localhost", "127.0.0.1"]),
                    _options.TlsClientCertificates ? authority.Root : null)
                : null,
            instance.Sessions.Enqueue,
            _options.CaptureClientBytes)
        : null;
}
