using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>
/// What an instance's front hands the cluster — Picodata DDL and access control — run from whichever instance received
/// it: on the shared storage first, then every Online instance brings its own foreign tables or logins in line, this
/// one included, before the client is answered. An instance that cannot be reached then (paused, partitioned) catches
/// up when it next starts.
/// </summary>
internal sealed class ClusterWideStatements(StorageConnections storage, EmulatedClusterOptions options, PostgresServer local, TextWriter log)
{
    private const string Superuser = "admin";

    private static readonly string OnlineInstanceHosts = $"""
        SELECT split_part(a.address, ':', 1)
        FROM {StorageSchema.SystemSchema}._pico_peer_address AS a
        JOIN {StorageSchema.SystemSchema}._pico_instance AS i ON i.raft_id = a.raft_id
        WHERE a.connection_type = 'iproto' AND i.current_state->>0 = 'Online'
        """;

    public StorageConnections Storage => storage;

    /// <summary>Runs <paramref name="sql"/> on the cluster.</summary>
    /// <exception cref="PicodataDdlRefusedException">Picodata would refuse it, in its words where it has them.</exception>
    public async Task RunAsync(string sql, CancellationToken cancellationToken)
    {
        string instanceStep;
        IReadOnlyList<string> statements;
        if (PicodataAccessControl.TryTranslate(sql, out var change))
        {
            statements = change.StorageStatements;
            instanceStep = change.UsersChanged ? InstanceSchema.SyncUsers : string.Empty;
        }
        else
        {
            statements = PicodataDdl.Translate(sql, options.Tier, options.BucketCount);
            instanceStep = InstanceSchema.SyncUserTables;
        }

        if (statements.Count > 0)
        {
            var connection = await storage.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = new NpgsqlCommand(string.Join(";\n", statements), connection);
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception)
                {
                    throw new PicodataDdlRefusedException(DdlErrorWording.Of(exception, sql), exception);
                }
            }
        }

        if (instanceStep.Length > 0)
        {
            await OnEveryInstanceAsync(instanceStep, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnEveryInstanceAsync(string statement, CancellationToken cancellationToken)
    {
        await local.ExecuteAsSuperuserAsync(storage.Database, statement, cancellationToken).ConfigureAwait(false);
        var hosts = new List<string>();
        var connection = await storage.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(OnlineInstanceHosts, connection);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    hosts.Add(reader.GetString(0));
                }
            }
        }

        await Task.WhenAll(hosts.Select(host => OnPeerAsync(host, statement, cancellationToken))).ConfigureAwait(false);
    }

    private async Task OnPeerAsync(string host, string statement, CancellationToken cancellationToken)
    {
        var connectionString = StorageConnections.ConnectionString(
            host, EmulatedInstanceHost.InstancePostgresPort, Superuser, storage.Password, storage.Database);
        try
        {
            var connection = await SqlCommands.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await SqlCommands.ExecuteAsync(connection, statement, [], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            log.WriteLine($"{statement} did not reach {host}: {exception.Message}; it catches up when it starts");
        }
    }
}
