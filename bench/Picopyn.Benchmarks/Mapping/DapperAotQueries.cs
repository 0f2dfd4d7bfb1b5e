using System.Data.Common;
using Dapper;

namespace Picopyn.Benchmarks.Mapping;

/// <summary>
/// Dapper.AOT in its best configuration: the same Dapper call, intercepted by generated code, with
/// command caching on (<c>[CacheCommand]</c>: the command object is reused across calls).
/// </summary>
[DapperAot(true)]
[CacheCommand]
public static class DapperAotQueries
{
    public static async Task<List<BenchRow>> UpToAsync(DbConnection connection, long last) =>
        (await connection.QueryAsync<BenchRow>(DapperQueries.UpTo, new { last })).AsList();
}
