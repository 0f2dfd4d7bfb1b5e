using System.Text.Json;
using Npgsql;

namespace Picopyn.Testing.Containers;

/// <content>What the cluster does as Picodata's admin over pgproto: the application user, DDL, grants, and reading the system tables.</content>
public sealed partial class PicodataContainerCluster
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly string[] SystemTables =
        ["_pico_tier", "_pico_replicaset", "_pico_instance", "_pico_peer_address", "_pico_table", "_pico_index"];

    /// <inheritdoc />
    /// <remarks>Sent as the admin to a reachable instance; Picodata runs it on the whole cluster.</remarks>
    /// <exception cref="PicodataContainerException">Picodata refused it; the message has its error and the DDL.</exception>
    public Task ExecuteDdlAsync(string ddl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ddl);
        return ExclusiveAsync(() => ExecuteAsAdminAsync([ddl], cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks><c>GRANT READ ON TABLE</c> (or <c>REVOKE</c>) of each system table the client reads, for the application user.</remarks>
    public Task SetSystemTablesReadableAsync(bool readable, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(
            () => ExecuteAsAdminAsync(
                [.. SystemTables.Select(table => readable
                    ? $"GRANT READ ON TABLE {Quote(table)} TO {Quote(User)}"
                    : $"REVOKE READ ON TABLE {Quote(table)} FROM {Quote(User)}")],
                cancellationToken),
            cancellationToken);

    // docs/picodata.md, "Containers": pgproto logins need md5 (or scram-sha256) users; discovery reads the system tables.
    private Task CreateApplicationUserAsync(CancellationToken cancellationToken) =>
        ExecuteAsAdminAsync(
            [
                $"CREATE USER {Quote(User)} WITH PASSWORD {Literal(Password)} USING md5",
                $"GRANT CREATE TABLE TO {Quote(User)}",
                $"GRANT READ TABLE TO {Quote(User)}",
                $"GRANT WRITE TABLE TO {Quote(User)}",
            ],
            cancellationToken);

    private async Task ExecuteAsAdminAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var connection = await OpenAsAdminAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                using var command = new NpgsqlCommand(statement, connection);
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException exception)
                {
                    // The statement may hold the user's password: name the failure, not the text.
                    var shown = statement.Contains(Literal(Password), StringComparison.Ordinal) ? $"CREATE USER {Quote(User)} …" : statement;
                    throw new PicodataContainerException($"Picodata refused '{shown}': {exception.MessageText} ({exception.SqlState})", exception);
                }
            }
        }
    }

    /// <summary>Reads <c>_pico_instance</c> through a reachable instance and updates every instance object from it.</summary>
    private async Task<IReadOnlyList<PicodataContainerInstance>> RefreshAsync(CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, (string Uuid, long RaftId, string Replicaset, string ReplicasetUuid, string Tier, string State)>(StringComparer.Ordinal);
        var connection = await OpenAsAdminAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT name, uuid, raft_id, replicaset_name, replicaset_uuid, tier, current_state FROM _pico_instance", connection);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows[reader.GetString(0)] = (
                        reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                        Convert.ToString(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)!);
                }
            }
        }

        PicodataContainerInstance[] instances;
        lock (_instances)
        {
            instances = [.. _instances];
        }

        foreach (var instance in instances)
        {
            if (rows.TryGetValue(instance.Name, out var row))
            {
                (instance.State, instance.Incarnation) = ParseState(row.State);
                instance.Uuid = row.Uuid;
                instance.RaftId = row.RaftId;
                instance.ReplicasetName = row.Replicaset;
                instance.ReplicasetUuid = row.ReplicasetUuid;
                instance.Tier = row.Tier;
            }
        }

        return instances;
    }

    // ["Online",3]: the variant and the incarnation (docs/picodata.md, "System tables and discovery").
    private static (InstanceState State, long Incarnation) ParseState(string json)
    {
        using var document = JsonDocument.Parse(json);
        var variant = document.RootElement[0].GetString();
        return (Enum.TryParse<InstanceState>(variant, out var state) ? state : InstanceState.Offline, document.RootElement[1].GetInt64());
    }

    private async Task<NpgsqlConnection> OpenAsAdminAsync(CancellationToken cancellationToken)
    {
        PicodataContainerInstance? target;
        lock (_instances)
        {
            target = _instances.Find(i => i.IsReachable);
        }

        if (target is null)
        {
            throw new PicodataContainerException("No instance can be reached: every container is stopped, paused or off the clients' network.");
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(target.Host, target.Port, Admin, _settings.AdminPassword))
        {
            // Short-lived: a pooled admin connection would outlive the instance it was opened to.
            Pooling = false,
            Timeout = 10,
            CommandTimeout = 60,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new PicodataContainerException($"Could not log in as the admin on '{target.Name}' (127.0.0.1:{target.Port}): {exception.Message}", exception);
        }
    }

    // What Picodata decides by itself (its governor marks a stopped instance Offline) is waited for, within the startup timeout.
    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _settings.StartupTimeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new PicodataContainerException($"Still not so after {_settings.StartupTimeout.TotalSeconds} s: {what}. {this}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
