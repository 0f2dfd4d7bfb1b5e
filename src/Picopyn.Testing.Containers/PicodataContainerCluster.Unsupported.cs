namespace Picopyn.Testing.Containers;

/// <content>
/// What only an emulation can do: write the system tables behind the cluster's back, put faults on one wire, read
/// what a server logged. Picodata decides its own state, routing and buckets, and keeps no per-statement log.
/// </content>
public sealed partial class PicodataContainerCluster
{
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: a container cluster has no wire of its own to slow (tc netem would need privileges and tools the image lacks).</exception>
    public Task SetLatencyAsync(string name, TimeSpan latency, CancellationToken cancellationToken = default) =>
        throw Unsupported("add latency to an instance", "EmulatedPicodataCluster puts it at the instance's front");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always; <see cref="DisconnectInstanceAsync"/> cuts the clients off instead.</exception>
    public Task DropConnectionsAsync(string name, CancellationToken cancellationToken = default) =>
        throw Unsupported("reset an instance's connections", "DisconnectInstanceAsync cuts the clients off an instance instead");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task SetRefusingConnectionsAsync(string name, bool refusing, CancellationToken cancellationToken = default) =>
        throw Unsupported("make an instance refuse new connections", "StopInstanceAsync makes its port refuse them");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: Picodata's governor decides an instance's state.</exception>
    public Task SetInstanceStateAsync(string name, InstanceState state, CancellationToken cancellationToken = default) =>
        throw Unsupported("write an instance's state", "Picodata's governor decides it; stop or start the instance");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: only Picodata expels an instance.</exception>
    public Task RemoveInstanceRowsAsync(string name, CancellationToken cancellationToken = default) =>
        throw Unsupported("delete an instance's rows", "Picodata removes them when it expels the instance");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: the advertised address is the container's configuration (<c>PICODATA_PG_ADVERTISE</c>).</exception>
    public Task SetAdvertisedAddressAsync(string name, string address, CancellationToken cancellationToken = default) =>
        throw Unsupported("change an advertised address", "it is the container's PICODATA_PG_ADVERTISE");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: Picodata's rebalancer moves buckets.</exception>
    public Task MoveBucketsAsync(int firstBucket, int lastBucket, string replicasetUuid, CancellationToken cancellationToken = default) =>
        throw Unsupported("move buckets", "Picodata's rebalancer moves them");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: Picodata has no view of the sessions a client holds.</exception>
    public Task<int> CountSessionsAsync(string name, CancellationToken cancellationToken = default) =>
        throw Unsupported("count an instance's sessions", "Picodata shows no sessions to SQL");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: Picodata keeps no per-statement log.</exception>
    public Task<IReadOnlyList<StatementLogEntry>> ReadStatementLogAsync(string name, CancellationToken cancellationToken = default) =>
        throw Unsupported("read a statement log", "Picodata keeps none; EmulatedPicodataCluster does");

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: Picodata does not count routed statements per instance.</exception>
    public Task<IReadOnlyList<InstanceRoutingCounts>> ReadRoutingCountsAsync(CancellationToken cancellationToken = default) =>
        throw Unsupported("count routed statements", "EmulatedPicodataCluster counts them");

    private static NotSupportedException Unsupported(string what, string instead) =>
        new($"A Picodata container cluster cannot {what}: {instead}.");
}
