using System.Text.Json;

namespace Picopyn.Generators.Schema;

/// <summary>
/// A table as Picodata records it in <c>_pico_table</c> (see docs/picodata.md, "System tables and discovery"): its <c>distribution</c>
/// and <c>format</c> json, read into the <see cref="SchemaTable"/> a schema file's <c>CREATE TABLE</c> gives.
/// Shared by the picopyn tool (reading a live cluster's schema) and the emulated cluster (routing by it);
/// not compiled into the generator, which reads no json.
/// </summary>
internal static class PicoTableRecord
{
    /// <summary>The name Picodata gives the tier a cluster has when its configuration names none.</summary>
    public const string DefaultTier = "default";

    /// <summary>
    /// The table named <paramref name="name"/> from its records; <paramref name="notes"/> gets a line for each column a
    /// schema file cannot declare. A table of <paramref name="defaultTier"/> has no <see cref="SchemaTable.Tier"/>, as
    /// its <c>CREATE TABLE</c> need not name it.
    /// </summary>
    public static SchemaTable Read(
        string name, string distributionJson, string formatJson, IReadOnlyList<string> primaryKey, string defaultTier = DefaultTier, List<string>? notes = null)
    {
        using var distribution = JsonDocument.Parse(distributionJson);
        var (isGlobal, shardingKey, tier) = Distribution(distribution.RootElement);

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
                notes?.Add($"Column '{name}.{column.Name}' is of type '{column.Type}', which a schema file cannot declare; it is written as json.");
            }

            columns.Add(new SchemaColumn(column.Name, type ?? PicoType.Json, column.Nullable));
        }

        return SchemaTable.Create(name, columns, primaryKey, isGlobal, shardingKey) with { Tier = tier == defaultTier ? null : tier };
    }

    // {"Global":null}, {"ShardedImplicitly":[[key...], "murmur3", tier]}, {"ShardedByField":[field, tier]}.
    private static (bool IsGlobal, List<string> Key, string? Tier) Distribution(JsonElement distribution)
    {
        if (distribution.ValueKind != JsonValueKind.Object)
        {
            return (false, [], null);
        }

        foreach (var variant in distribution.EnumerateObject())
        {
            switch (variant.Name)
            {
                case "Global":
                    return (true, [], null);
                case "ShardedImplicitly" when variant.Value.ValueKind == JsonValueKind.Array && variant.Value.GetArrayLength() > 0:
                    var key = variant.Value[0];
                    return (false, key.ValueKind == JsonValueKind.Array ? key.EnumerateArray().Select(k => k.GetString()!).ToList() : [key.GetString()!],
                        TierOf(variant.Value, 2));
                case "ShardedByField" when variant.Value.ValueKind == JsonValueKind.Array && variant.Value.GetArrayLength() > 0:
                    return (false, [variant.Value[0].GetString()!], TierOf(variant.Value, 1));
            }
        }

        return (false, [], null);
    }

    private static string? TierOf(JsonElement variant, int index) =>
        variant.GetArrayLength() > index && variant[index].ValueKind == JsonValueKind.String ? variant[index].GetString() : null;

    // A format entry: {"name", "field_type", "is_nullable"}, or the positional [name, type, is_nullable].
    private static (string Name, string Type, bool Nullable) Field(JsonElement field) => field.ValueKind == JsonValueKind.Array
        ? (field[0].GetString()!, field[1].GetString()!, field.GetArrayLength() > 2 && field[2].ValueKind == JsonValueKind.True)
        : (field.GetProperty("name").GetString()!, field.GetProperty("field_type").GetString()!,
           field.TryGetProperty("is_nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True);
}
