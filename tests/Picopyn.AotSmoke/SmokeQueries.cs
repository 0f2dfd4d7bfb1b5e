namespace Picopyn.AotSmoke;

public sealed record SmokeItem(int Id, string Name, string? Note);

/// <summary>Generated at build time; under Native AOT the mapping is plain code, nothing reflected.</summary>
public partial interface ISmokeQueries
{
    public const string Table = "CREATE TABLE aot_items (id integer PRIMARY KEY, name text NOT NULL, note text) DISTRIBUTED BY (id)";

    [PicoQuery("insert into aot_items (id, name, note) values ($1, $2, $3)")]
    Task<int> AddAsync(int id, string name, string? note, CancellationToken ct = default);

    [PicoQuery("select id, name, note from aot_items where id = $1")]
    Task<SmokeItem?> FindAsync(int id, CancellationToken ct = default);

    [PicoQuery("select id, name, note from aot_items order by id")]
    IAsyncEnumerable<SmokeItem> AllAsync(CancellationToken ct = default);
}
