namespace Picopyn.Cli.Tests.Queries;

public sealed record Item(long Id, string Name, double? Price, bool Active, DateTimeOffset Created, Guid? Ref, decimal Amount);

/// <summary>Queries whose types all match the test cluster's <c>verify_items</c> table.</summary>
public partial interface IMatchingQueries
{
    [PicoQuery("select id, name, price, active, created, ref, amount from verify_items where id = $1")]
    Task<Item?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("select count(*) from verify_items where name = $1 and active = $2")]
    Task<long> CountAsync(string name, bool active, CancellationToken ct = default);

    [PicoQuery("insert into verify_items (id, name, price, active, created, ref, amount) values ($1, $2, $3, $4, $5, $6, $7)")]
    Task<int> InsertAsync(long id, string name, double? price, bool active, DateTimeOffset created, Guid? reference, decimal amount, CancellationToken ct = default);

    [PicoQuery("update verify_items set price = $1 where id = $2")]
    Task<int> SetPriceAsync(double price, int id, CancellationToken ct = default);
}
