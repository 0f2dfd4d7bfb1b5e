using System.Globalization;
using System.Text.Json;
using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>Who the instance is in the system tables, after it joined.</summary>
/// <param name="Uuid">Its uuid: what <c>pico_instance_uuid()</c> answers.</param>
/// <param name="RaftId">Its raft id.</param>
/// <param name="Incarnation">The incarnation the system tables held; Online makes it one higher.</param>
internal sealed record InstanceIdentity(string Uuid, long RaftId, long Incarnation);

/// <summary>
/// An instance's join, on the storage in one transaction that holds the instance table: a new name gets the next raft
/// id, its own replicaset, Offline rows and an even share of the buckets; a name the cluster knows (a restarted
/// container) keeps its identity.
/// </summary>
internal static class InstanceRegistration
{
    public static async Task<InstanceIdentity> JoinAsync(
        StorageConnections storage, InstanceEnvironment environment, EmulatedClusterOptions options, CancellationToken cancellationToken)
    {
        var connection = await storage.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await SqlCommands.ExecuteAsync(connection, $"LOCK TABLE {StorageSchema.SystemSchema}._pico_instance IN EXCLUSIVE MODE", [], cancellationToken).ConfigureAwait(false);
                var identity = await FindAsync(connection, environment.Name, cancellationToken).ConfigureAwait(false);
                if (identity is null)
                {
                    identity = await InsertAsync(connection, environment, options, cancellationToken).ConfigureAwait(false);
                    await ShareBucketsAsync(connection, options, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // The advertised addresses are the container's configuration: they may have changed across a restart.
                    await WriteAddressesAsync(connection, identity.RaftId, environment, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return identity;
            }
        }
    }

    private static async Task<InstanceIdentity?> FindAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(
            $"SELECT uuid, raft_id, current_state::text FROM {StorageSchema.SystemSchema}._pico_instance WHERE name = $1", connection)
        {
            Parameters = { new() { Value = name } },
        };
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            // ["Online",3]: the variant and the incarnation.
            using var state = JsonDocument.Parse(reader.GetString(2));
            return new InstanceIdentity(reader.GetString(0), reader.GetInt64(1), state.RootElement[1].GetInt64());
        }
    }

    private static async Task<InstanceIdentity> InsertAsync(
        NpgsqlConnection connection, InstanceEnvironment environment, EmulatedClusterOptions options, CancellationToken cancellationToken)
    {
        long raftId;
        using (var command = new NpgsqlCommand($"SELECT coalesce(max(raft_id), 0) + 1 FROM {StorageSchema.SystemSchema}._pico_instance", connection))
        {
            raftId = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // Picodata's default replicaset names: tier_number. Every replicaset here holds one instance.
        var replicaset = string.Create(CultureInfo.InvariantCulture, $"{options.Tier}_{raftId}");
        var identity = new InstanceIdentity(Guid.NewGuid().ToString("D"), raftId, Incarnation: 0);
        var replicasetUuid = Guid.NewGuid().ToString("D");
        await SqlCommands.ExecuteAsync(connection, StorageSchema.InsertReplicaset, [replicaset, replicasetUuid, environment.Name, options.Tier], cancellationToken)
            .ConfigureAwait(false);
        await SqlCommands.ExecuteAsync(
            connection,
            StorageSchema.InsertInstance,
            [environment.Name, identity.Uuid, raftId, replicaset, replicasetUuid, StateJson.Format(InstanceState.Offline, 0), options.Tier, options.PicodataVersion],
            cancellationToken).ConfigureAwait(false);
        await WriteAddressesAsync(connection, raftId, environment, cancellationToken).ConfigureAwait(false);
        return identity;
    }

    private static async Task WriteAddressesAsync(NpgsqlConnection connection, long raftId, InstanceEnvironment environment, CancellationToken cancellationToken)
    {
        await SqlCommands.ExecuteAsync(connection, StorageSchema.DeletePeerAddresses, [raftId], cancellationToken).ConfigureAwait(false);
        var http = new PicoEndpoint(environment.IprotoAdvertise.Host, environment.HttpListen.Port);
        foreach (var (type, address) in new[] { ("iproto", environment.IprotoAdvertise), ("pgproto", environment.PgAdvertise), ("http", http) })
        {
            await SqlCommands.ExecuteAsync(connection, StorageSchema.InsertPeerAddress, [raftId, address.ToString(), type], cancellationToken).ConfigureAwait(false);
        }
    }

    // A joining replicaset gets its share at once (Picodata's rebalancer moves buckets over time).
    private static async Task ShareBucketsAsync(NpgsqlConnection connection, EmulatedClusterOptions options, CancellationToken cancellationToken)
    {
        var owners = new List<string>();
        using (var command = new NpgsqlCommand(
            $"SELECT replicaset_uuid FROM {StorageSchema.SystemSchema}._pico_instance WHERE tier = $1 ORDER BY raft_id", connection)
        {
            Parameters = { new() { Value = options.Tier } },
        })
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    owners.Add(reader.GetString(0));
                }
            }
        }

        await BucketSplit.WriteAsync(connection, options.Tier, BucketSplit.Even(options.BucketCount, owners), cancellationToken).ConfigureAwait(false);
    }
}
