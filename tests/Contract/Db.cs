using Npgsql;

namespace Picopyn.Tests.Contract;

/// <summary>Small helpers to talk to an instance (of any <see cref="IPicodataCluster"/>) as the application user, without pooling.</summary>
internal static class Db
{
    /// <summary>Opens a fresh (unpooled) connection with the instance's own connection string.</summary>
    public static Task<NpgsqlConnection> OpenAsync(IPicodataInstance instance, int timeoutSeconds = 15) =>
        OpenAsync(new NpgsqlConnectionStringBuilder(instance.ConnectionString) { Pooling = false, Timeout = timeoutSeconds });

    /// <summary>Opens a fresh (unpooled) connection to the instance as <paramref name="user"/>.</summary>
    public static Task<NpgsqlConnection> OpenAsAsync(IPicodataInstance instance, string user, string password) =>
        OpenAsync(new NpgsqlConnectionStringBuilder(instance.ConnectionString) { Username = user, Password = password, Pooling = false });

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder builder)
    {
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a query and returns every row as an array of values (DBNull for NULL).</summary>
    public static async Task<List<object[]>> QueryAsync(IPicodataInstance instance, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(instance);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<T> ScalarAsync<T>(IPicodataInstance instance, string sql, params object[] parameters)
    {
        var rows = await QueryAsync(instance, sql, parameters);
        var row = Assert.Single(rows);
        return Assert.IsType<T>(row[0]);
    }

    public static async Task<int> ExecuteAsync(IPicodataInstance instance, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(instance);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The discovery query docs/picodata.md recommends ("System tables and discovery").</summary>
    public const string DiscoveryQuery =
        "SELECT i.name, i.uuid, i.raft_id, i.replicaset_name, i.tier, i.current_state, i.target_state, p.address " +
        "FROM _pico_instance AS i JOIN _pico_peer_address AS p ON p.raft_id = i.raft_id " +
        "WHERE p.connection_type = 'pgproto'";

    /// <summary>The discovery query's rows as (name, state JSON, pgproto address).</summary>
    public static async Task<List<(string Name, string State, string Address)>> DiscoverAsync(IPicodataInstance through)
    {
        var rows = await QueryAsync(through, DiscoveryQuery);
        return rows.Select(r => ((string)r[0], (string)r[5], (string)r[7])).OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>The tier's bucket ranges as <c>_pico_bucket('default')</c> returns them: start, end, owning replicaset.</summary>
    public static async Task<List<(long Start, long End, string Replicaset)>> BucketRangesAsync(IPicodataInstance through)
    {
        using var map = System.Text.Json.JsonDocument.Parse(await ScalarAsync<string>(through, "SELECT _pico_bucket('default')"));
        return map.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("bucket_id_start").GetInt64(), r.GetProperty("bucket_id_end").GetInt64(), r.GetProperty("current_replicaset_uuid").GetString()!))
            .OrderBy(r => r.Item1)
            .ToList();
    }

    /// <summary>The state JSON that <paramref name="through"/> reports for <paramref name="name"/>.</summary>
    public static async Task<string> StateOfAsync(IPicodataInstance through, string name) =>
        await ScalarAsync<string>(through, "SELECT current_state FROM _pico_instance WHERE name = $1", name);
}
