using System.Text.Json;
using Npgsql;

namespace Picopyn.Routing;

/// <summary>
/// The statements that read the bucket map — plain SELECTs Picodata serves from 25.5.1 (<c>_pico_bucket</c>) —
/// and the parsing of what comes back (see docs/picodata.md, "Buckets and routing").
/// </summary>
internal static class BucketMapQueries
{
    public const string Tiers = "SELECT name, bucket_count FROM _pico_tier";

    public const string Masters = "SELECT uuid, current_master_name FROM _pico_replicaset";

    /// <summary>The bucket ranges of <paramref name="tier"/> (a name from <see cref="Tiers"/>, quoted here: Picodata takes no parameter in this call's place).</summary>
    public static string Ranges(string tier) => $"SELECT _pico_bucket('{tier.Replace("'", "''", StringComparison.Ordinal)}')";

    /// <summary>Reads the whole map on one connection; a tier without buckets (count 0) has none.</summary>
    /// <exception cref="PostgresException">The server refused a statement (no grants, or no <c>_pico_bucket</c> before 25.5.1).</exception>
    public static async Task<BucketMap> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var counts = new List<(string Tier, long Count)>();
        await ForEachRowAsync(connection, Tiers, r => counts.Add((r.GetString(0), r.GetInt64(1))), cancellationToken).ConfigureAwait(false);
        var masters = new Dictionary<string, string>(StringComparer.Ordinal);
        await ForEachRowAsync(connection, Masters, r => masters[r.GetString(0)] = r.GetString(1), cancellationToken).ConfigureAwait(false);

        var tiers = new Dictionary<string, TierBuckets>(StringComparer.Ordinal);
        foreach (var (tier, count) in counts.Where(c => c.Count is > 0 and <= int.MaxValue))
        {
            using var command = new NpgsqlCommand(Ranges(tier), connection);
            var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            tiers[tier] = new TierBuckets((int)count, ParseRanges(json));
        }

        return new BucketMap(tiers, masters);
    }

    /// <summary>The ranges of a <c>_pico_bucket</c> answer, sorted; unreadable ones are left out (their buckets are then unmapped).</summary>
    public static BucketRange[] ParseRanges(string? json)
    {
        if (json is null)
        {
            return [];
        }

        var ranges = new List<BucketRange>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            foreach (var range in document.RootElement.EnumerateArray())
            {
                if (range.ValueKind == JsonValueKind.Object &&
                    range.TryGetProperty("bucket_id_start", out var start) && start.ValueKind == JsonValueKind.Number && start.TryGetInt64(out var first) &&
                    range.TryGetProperty("bucket_id_end", out var end) && end.ValueKind == JsonValueKind.Number && end.TryGetInt64(out var last) &&
                    range.TryGetProperty("current_replicaset_uuid", out var owner) && owner.ValueKind == JsonValueKind.String)
                {
                    ranges.Add(new BucketRange(first, last, owner.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }

        return [.. ranges.OrderBy(r => r.Start)];
    }

    private static async Task ForEachRowAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> read, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read(reader);
            }
        }
    }
}
