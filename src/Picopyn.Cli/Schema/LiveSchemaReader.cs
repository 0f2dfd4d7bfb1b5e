using System.Text.Json;
using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Schema;

/// <summary>
/// Reads a live cluster's tables as Picodata records them (reference/picodata.md §4):
/// <c>_pico_table</c> for names, columns (<c>format</c>) and <c>distribution</c>, <c>_pico_index</c>
/// (index 0) for the primary key. System tables are left out. Needs read access to the system
/// tables (admin, or <c>GRANT READ TABLE</c>).
/// </summary>
internal static class LiveSchemaReader
{
    private const string TablesQuery = "SELECT id, name, distribution, format FROM _pico_table";
    private const string KeysQuery = "SELECT table_id, parts FROM _pico_index WHERE id = 0";

    /// <summary>The user tables, in the order they were created, and a note for each column the DDL cannot declare.</summary>
    public static async Task<(List<SchemaTable> Tables, List<string> Notes)> ReadAsync(PicoExecutor executor, CancellationToken cancellationToken)
    {
        var tables = await executor.FetchAsync(TablesQuery, null, cancellationToken).ConfigureAwait(false);
        var keys = (await executor.FetchAsync(KeysQuery, null, cancellationToken).ConfigureAwait(false))
            .ToDictionary(row => row.Get<long>("table_id"), row => row.Get<string>("parts"));

        var result = new List<SchemaTable>();
        var notes = new List<string>();
        foreach (var row in tables.OrderBy(r => r.Get<long>("id")))
        {
            var name = row.Get<string>("name");
            if (name.StartsWith('_'))
            {
                continue; // _pico_* and the other system tables
            }

            var id = row.Get<long>("id");
            var primaryKey = keys.TryGetValue(id, out var parts) ? FieldNames(parts) : [];
            result.Add(Table(name, row.Get<string>("distribution"), row.Get<string>("format"), primaryKey, notes));
        }

        return (result, notes);
    }

    private static SchemaTable Table(string name, string distributionJson, string formatJson, List<string> primaryKey, List<string> notes)
    {
        using var distribution = JsonDocument.Parse(distributionJson);
        var (isGlobal, shardingKey) = Distribution(distribution.RootElement);

        using var format = JsonDocument.Parse(formatJson);
        var columns = new List<SchemaColumn>();
        foreach (var field in format.RootElement.EnumerateArray())
        {
            var column = Field(field);
            if (column.Name == SchemaTable.BucketId && !isGlobal)
            {
                continue; // SchemaTable.Create adds it
            }

            var type = PicoTypeNames.Parse(column.Type == "string" ? "text" : column.Type);
            if (type is null)
            {
                notes.Add($"Column '{name}.{column.Name}' is of type '{column.Type}', which a schema file cannot declare; it is written as json.");
            }

            columns.Add(new SchemaColumn(column.Name, type ?? PicoType.Json, column.Nullable));
        }

        return SchemaTable.Create(name, columns, primaryKey, isGlobal, shardingKey);
    }

    // {"Global":null}, {"ShardedImplicitly":[[key...], "murmur3", tier]}, {"ShardedByField":[field, tier]}.
    private static (bool IsGlobal, List<string> Key) Distribution(JsonElement distribution)
    {
        if (distribution.ValueKind != JsonValueKind.Object)
        {
            return (false, []);
        }

        foreach (var variant in distribution.EnumerateObject())
        {
            switch (variant.Name)
            {
                case "Global":
                    return (true, []);
                case "ShardedImplicitly" when variant.Value.ValueKind == JsonValueKind.Array && variant.Value.GetArrayLength() > 0:
                    var key = variant.Value[0];
                    return (false, key.ValueKind == JsonValueKind.Array ? key.EnumerateArray().Select(k => k.GetString()!).ToList() : [key.GetString()!]);
                case "ShardedByField" when variant.Value.ValueKind == JsonValueKind.Array && variant.Value.GetArrayLength() > 0:
                    return (false, [variant.Value[0].GetString()!]);
            }
        }

        return (false, []);
    }

    // A format entry: {"name", "field_type", "is_nullable"}, or the positional [name, type, is_nullable].
    private static (string Name, string Type, bool Nullable) Field(JsonElement field) => field.ValueKind == JsonValueKind.Array
        ? (field[0].GetString()!, field[1].GetString()!, field.GetArrayLength() > 2 && field[2].ValueKind == JsonValueKind.True)
        : (field.GetProperty("name").GetString()!, field.GetProperty("field_type").GetString()!,
           field.TryGetProperty("is_nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True);

    // Index parts: [[name, type, ...], ...] or [{"field"|"name": ...}, ...].
    private static List<string> FieldNames(string partsJson)
    {
        using var parts = JsonDocument.Parse(partsJson);
        return parts.RootElement.EnumerateArray().Select(part => part.ValueKind switch
        {
            JsonValueKind.Array => part[0].GetString()!,
            JsonValueKind.Object when part.TryGetProperty("field", out var field) => field.ValueKind == JsonValueKind.String ? field.GetString()! : field.ToString(),
            JsonValueKind.Object => part.GetProperty("name").GetString()!,
            _ => part.GetString()!,
        }).ToList();
    }
}
