using System.Text.Json;
using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Schema;

/// <summary>
/// Reads a live cluster's tables as Picodata records them (see docs/picodata.md, "System tables and discovery"):
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
            result.Add(PicoTableRecord.Read(name, row.Get<string>("distribution"), row.Get<string>("format"), primaryKey, notes: notes));
        }

        return (result, notes);
    }

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
