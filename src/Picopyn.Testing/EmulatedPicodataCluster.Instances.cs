using Picopyn.Testing.Emulation;

namespace Picopyn.Testing;

/// <content>The instance operations: start, stop, kill, restart, add, and the system-table rows that say what each instance is.</content>
public sealed partial class EmulatedPicodataCluster
{
    /// <inheritdoc />
    public Task StartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                throw new EmulatedClusterException($"Instance '{name}' already runs on {instance.PgprotoAddress}.");
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task StopInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "stop");
            await StopRunningAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task KillInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "kill");
            await instance.Server.KillAsync(cancellationToken).ConfigureAwait(false);
            // A dead process's port refuses connections and its open ones are reset.
            instance.Front?.StopListening();
            instance.Front?.ResetConnections();
            instance.ProcessState = InstanceProcessState.Killed;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RestartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                await StopRunningAsync(instance, cancellationToken).ConfigureAwait(false);
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Coming back Online from another state raises the incarnation, as in Picodata.</remarks>
    public Task SetInstanceStateAsync(string name, InstanceState state, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            var incarnation = state == InstanceState.Online && instance.State != InstanceState.Online
                ? instance.Incarnation + 1
                : instance.Incarnation;
            await WriteStateAsync(instance, state, incarnation, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveInstanceRowsAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            await ExecuteOnStorageAsync(StorageSchema.DeletePeerAddresses, [instance.RaftId], cancellationToken).ConfigureAwait(false);
            await ExecuteOnStorageAsync(StorageSchema.DeleteInstance, [instance.RaftId], cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IPicodataInstance> AddInstanceAsync(bool online = true, CancellationToken cancellationToken = default) =>
        ExclusiveAsync<IPicodataInstance>(async () =>
        {
            long raftId;
            lock (_instances)
            {
                raftId = _instances.Max(i => i.RaftId) + 1;
            }

            var port = Os.FreePorts.Allocate(1)[0];
            var server = await CreateServerAsync(InstanceDirectoryName(raftId), port, InstanceSettings(), cancellationToken).ConfigureAwait(false);
            var instance = new EmulatedInstance(raftId, _options.Tier, server, BuildConnectionString, FrontFor);
            lock (_instances)
            {
                _instances.Add(instance);
            }

            await InitializeInstanceServerAsync(server, cancellationToken).ConfigureAwait(false);
            await server.StartAsync(mayChangePort: true, cancellationToken).ConfigureAwait(false);
            instance.ProcessState = InstanceProcessState.Running;

            // As a joining Picodata instance: its rows appear Offline first, then it goes Online.
            instance.State = InstanceState.Offline;
            instance.Incarnation = 0;
            await InsertInstanceRowsAsync(instance, cancellationToken).ConfigureAwait(false);
            await SetUpInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
            await LinkInstancesAsync(cancellationToken).ConfigureAwait(false);
            // Picodata moves buckets to a joining replicaset over time; here the split is even at once.
            await AssignBucketsAsync(cancellationToken).ConfigureAwait(false);
            if (online)
            {
                await WriteStateAsync(instance, InstanceState.Online, 1, cancellationToken).ConfigureAwait(false);
            }

            return instance;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetAdvertisedAddressAsync(string name, string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return ExclusiveAsync(
            () => ExecuteOnStorageAsync(StorageSchema.UpdatePgprotoAddress, [Find(name).RaftId, address], cancellationToken),
            cancellationToken);
    }

    // The buckets split evenly over the replicasets in raft-id order, the first ones taking the remainder.
    private async Task AssignBucketsAsync(CancellationToken cancellationToken)
    {
        List<EmulatedInstance> owners;
        lock (_instances)
        {
            owners = [.. _instances.OrderBy(i => i.RaftId)];
        }

        var ranges = BucketSplit.Even(_options.BucketCount, [.. owners.Select(o => o.ReplicasetUuid)]);
        await WriteBucketRangesAsync(ranges, cancellationToken).ConfigureAwait(false);
        await RefreshShardsAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertInstanceRowsAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        await ExecuteOnStorageAsync(
            StorageSchema.InsertReplicaset,
            [instance.ReplicasetName, instance.ReplicasetUuid, instance.Name, instance.Tier],
            cancellationToken).ConfigureAwait(false);
        await ExecuteOnStorageAsync(
            StorageSchema.InsertInstance,
            [
                instance.Name, instance.Uuid, instance.RaftId, instance.ReplicasetName, instance.ReplicasetUuid,
                StateJson.Format(instance.State, instance.Incarnation), instance.Tier, _options.PicodataVersion,
            ],
            cancellationToken).ConfigureAwait(false);
        foreach (var (type, address) in new[] { ("iproto", instance.IprotoAddress), ("pgproto", instance.PgprotoAddress), ("http", instance.HttpAddress) })
        {
            await ExecuteOnStorageAsync(StorageSchema.InsertPeerAddress, [instance.RaftId, address, type], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteStateAsync(EmulatedInstance instance, InstanceState state, long incarnation, CancellationToken cancellationToken)
    {
        await ExecuteOnStorageAsync(StorageSchema.UpdateState, [instance.Name, StateJson.Format(state, incarnation)], cancellationToken)
            .ConfigureAwait(false);
        instance.State = state;
        instance.Incarnation = incarnation;
    }

    private async Task StartStoppedAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        // Same port as before: the system tables and the clients still know the old address.
        await instance.Server.StartAsync(mayChangePort: false, cancellationToken).ConfigureAwait(false);
        instance.Front?.Listen();
        instance.ProcessState = InstanceProcessState.Running;
        await instance.Server.ExecuteAsSuperuserAsync(Database, InstanceSchema.SyncUserTables, cancellationToken).ConfigureAwait(false);
        // Its tables for the others, theirs for it: DDL may have run while it was down.
        await SyncForwardedTablesAsync(RunningInstances(), cancellationToken).ConfigureAwait(false);
        await WriteStateAsync(instance, InstanceState.Online, instance.Incarnation + 1, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopRunningAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        // PostgreSQL's fast shutdown refuses new sessions and ends the open ones with a FATAL, which the front relays.
        instance.Front?.StopListening();
        await instance.Server.StopAsync(cancellationToken).ConfigureAwait(false);
        instance.ProcessState = InstanceProcessState.Stopped;
        // A gracefully stopped Picodata instance is marked Offline within seconds; here at once.
        await WriteStateAsync(instance, InstanceState.Offline, instance.Incarnation, cancellationToken).ConfigureAwait(false);
    }
}
