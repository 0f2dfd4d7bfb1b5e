using System.Text.Json;
using Npgsql;

namespace Picopyn.Discovery;

/// <summary>
/// The statements discovery sends — plain SELECTs Picodata 25.x and 26.x both serve (no comments,
/// no <c>-&gt;&gt;</c>, no array subscripts) — and the parsing of what comes back.
/// </summary>
internal static class DiscoveryQueries
{
    public const string Instances =
        "SELECT i.name, i.uuid, i.replicaset_name, i.tier, i.current_state, p.address " +
        "FROM _pico_instance AS i JOIN _pico_peer_address AS p ON p.raft_id = i.raft_id " +
        "WHERE p.connection_type = 'pgproto'";

    public const string SelfUuid = "SELECT pico_instance_uuid()";

    /// <summary>Deprecated since Picodata 25.3 and removed after it: only for servers without <see cref="SelfUuid"/>.</summary>
    public const string LegacySelfUuid = "SELECT instance_uuid()";

    public static async Task<List<DiscoveredInstance>> ReadInstancesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(Instances, connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var instances = new List<DiscoveredInstance>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                instances.Add(new DiscoveredInstance(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    StateVariant(reader.GetString(4)), reader.GetString(5)));
            }

            return instances;
        }
    }

    public static async Task<string?> ReadScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>
    /// The variant of a state as Picodata sends it over pgproto: the JSON text <c>["Online",1]</c>.
    /// Anything unreadable is reported as such, so the instance is left out rather than trusted.
    /// </summary>
    public static string StateVariant(string stateJson)
    {
        try
        {
            using var document = JsonDocument.Parse(stateJson);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.String)
            {
                return root[0].GetString()!;
            }
        }
        catch (JsonException)
        {
            // Fall through.
        }

        return "Unreadable";
    }
}
