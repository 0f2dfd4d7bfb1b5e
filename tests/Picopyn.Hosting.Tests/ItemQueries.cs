namespace Picopyn.Hosting.Tests;

public sealed record Item(int Id, string Name);

/// <summary>A generated query interface, registered with <c>AddQueries(IItemQueries.Create)</c>.</summary>
public partial interface IItemQueries
{
    public const string Table = "CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL)";

    [PicoQuery("insert into items (id, name) values ($1, $2)")]
    Task<int> AddAsync(int id, string name, CancellationToken ct = default);

    [PicoQuery("select id, name from items where id = $1")]
    Task<Item?> FindAsync(int id, CancellationToken ct = default);
}
