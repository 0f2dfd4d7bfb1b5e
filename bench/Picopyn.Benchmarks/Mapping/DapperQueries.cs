using System.Data.Common;
using Dapper;

namespace Picopyn.Benchmarks.Mapping;

/// <summary>Plain Dapper (reflection and ref-emit): Dapper.AOT's interceptors are switched off here.</summary>
[DapperAot(false)]
public static class DapperQueries
{
    public const string UpTo = "select id, name, note, score, active, created from bench_rows where id <= @last";

    public static async Task<List<BenchRow>> UpToAsync(DbConnection connection, long last) =>
        (await connection.QueryAsync<BenchRow>(UpTo, new { last })).AsList();
}
