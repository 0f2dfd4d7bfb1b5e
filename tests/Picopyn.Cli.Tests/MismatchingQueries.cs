namespace Picopyn.Cli.Tests;

/// <summary>
/// Queries that compile (no schema is given to this project) but whose types differ from the test
/// cluster's: what 'picopyn verify' must report, each problem exactly.
/// </summary>
public partial interface IMismatchingQueries
{
    // name is text: read into a long.
    [PicoQuery("select name from verify_items where id = $1")]
    Task<long?> NameAsLongAsync(long id, CancellationToken ct = default);

    // id is bigint: bound from a string.
    [PicoQuery("select id from verify_items where id = $1")]
    Task<long?> IdFromTextAsync(string id, CancellationToken ct = default);

    // This one matches: verify must not report it.
    [PicoQuery("select name from verify_items where id = $1")]
    Task<string?> NameAsync(long id, CancellationToken ct = default);
}
