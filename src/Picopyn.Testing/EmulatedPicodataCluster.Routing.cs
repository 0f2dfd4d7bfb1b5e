using Npgsql;
using Picopyn.Generators.Schema;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Front.Routing;

namespace Picopyn.Testing;

/// <content>
/// Where rows live: the bucket map the fronts route by (<see cref="ShardMap"/>, made again after DDL, a move or a
/// join), the links between instances a forwarded statement travels, bucket moves and the routing counts.
/// </content>
public sealed partial class EmulatedPicodataCluster
{
    private volatile ShardMap _shards = ShardMap.Empty;

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRoutingCounts>> ReadRoutingCountsAsync(CancellationToken cancellationToken = default)
    {
        lock (_instances)
        {
            return Task.FromResult<IReadOnlyList<InstanceRoutingCounts>>(
                [.. _instances.Select(i => new InstanceRoutingCounts(i.Name, i.Counters.ServedLocally, i.Counters.Forwarded))]);
        }
    }

    /// <inheritdoc />
    public Task MoveBucketsAsync(int firstBucket, int lastBucket, string replicasetUuid, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstBucket, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastBucket, _options.BucketCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastBucket, firstBucket);
        ArgumentNullException.ThrowIfNull(replicasetUuid);
        return ExclusiveAsync(async () =>
        {
            lock (_instances)
            {
                if (!_instances.Any(i => i.ReplicasetUuid == replicasetUuid))
                {
                    throw new EmulatedClusterException(
                        $"No replicaset has uuid '{replicasetUuid}'. Replicasets: {string.Join(", ", _instances.Select(i => $"{i.ReplicasetName} ({i.ReplicasetUuid})"))}.");
                }
            }

            Dictionary<long, string> replicasets;
            lock (_instances)
            {
                replicasets = _instances.ToDictionary(i => i.RaftId, i => i.ReplicasetUuid);
            }

            // The ranges around the moved ones keep their owners; the moved range is one range of the new owner.
            var ranges = new List<(long First, long Last, string Owner)>();
            foreach (var range in _shards.Owners)
            {
                var owner = replicasets[range.RaftId];
                if (range.First < firstBucket)
                {
                    ranges.Add((range.First, Math.Min(range.Last, firstBucket - 1), owner));
                }

                if (range.Last > lastBucket)
                {
                    ranges.Add((Math.Max(range.First, lastBucket + 1), range.Last, owner));
                }
            }

            ranges.Add((firstBucket, lastBucket, replicasetUuid));
            await WriteBucketRangesAsync(ranges, cancellationToken).ConfigureAwait(false);
            await RefreshShardsAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task WriteBucketRangesAsync(IEnumerable<(long First, long Last, string Owner)> ranges, CancellationToken cancellationToken)
    {
        var connection = await Storage.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await BucketSplit.WriteAsync(connection, _options.Tier, ranges, cancellationToken).ConfigureAwait(false);
        }
    }

    // Reads the tables and the bucket ranges again; statements are routed by the new map from then on.
    private async Task RefreshShardsAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, long> raftIds;
        lock (_instances)
        {
            raftIds = _instances.ToDictionary(i => i.ReplicasetUuid, i => i.RaftId, StringComparer.Ordinal);
        }

        var tables = new List<SchemaTable>();
        var owners = new List<BucketOwner>();
        var connection = await Storage.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var command = new NpgsqlCommand(StorageSchema.SelectTables, connection))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        tables.Add(PicoTableRecord.Read(reader.GetString(0), reader.GetString(1), reader.GetString(2), [], _options.Tier));
                    }
                }
            }

            using (var command = new NpgsqlCommand(StorageSchema.SelectBucketRanges, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = _options.Tier });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (raftIds.TryGetValue(reader.GetString(2), out var owner))
                        {
                            owners.Add(new BucketOwner(reader.GetInt64(0), reader.GetInt64(1), owner));
                        }
                    }
                }
            }
        }

        _shards = new ShardMap(tables, _options.Tier, _options.BucketCount, owners);
    }

    // Every running instance gets a link to every other (a foreign server and a schema of its tables), then imports
    // the tables; an instance that is down is linked and gets its tables when it starts. Only a front forwards.
    private async Task LinkInstancesAsync(CancellationToken cancellationToken)
    {
        if (!_options.PicodataFront)
        {
            return;
        }

        List<EmulatedInstance> all;
        lock (_instances)
        {
            all = [.. _instances];
        }

        var running = all.Where(i => i.ProcessState == InstanceProcessState.Running).ToList();
        await Task.WhenAll(running.Select(instance => ExecuteBatchAsync(
            instance.Server,
            [.. all.Where(other => other != instance).SelectMany(other => InstanceSchema.LinkTo(
                Forwarding.SchemaOf(other.RaftId), other.Server.Port, _options, Superuser, SuperuserPassword))],
            cancellationToken))).ConfigureAwait(false);
        await SyncForwardedTablesAsync(running, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncForwardedTablesAsync(IEnumerable<EmulatedInstance> instances, CancellationToken cancellationToken)
    {
        if (!_options.PicodataFront)
        {
            return;
        }

        await Task.WhenAll(instances.Select(instance =>
            instance.Server.ExecuteAsSuperuserAsync(Database, InstanceSchema.SyncForwardedTables, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>A query on the storage server, as its superuser: what tests read of the rows themselves (their <c>bucket_id</c>).</summary>
    internal async Task<List<object?[]>> QueryStorageAsync(string sql, CancellationToken cancellationToken = default)
    {
        var rows = new List<object?[]>();
        var connection = await Storage.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    private bool IsRunning(long raftId)
    {
        lock (_instances)
        {
            return _instances.Exists(i => i.RaftId == raftId && i.ProcessState == InstanceProcessState.Running);
        }
    }
}
